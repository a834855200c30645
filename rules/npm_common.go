package rules

// npm's option syntax and the reading of `npm install` shared by DF431 and
// DF432.

// npmSpec lists npm options that take their value in the next word.
var npmSpec = optSpec{
	shortValue: "wC",
	longValue: set("--prefix", "--registry", "--cache", "--workspace", "--loglevel", "--omit", "--include", "--userconfig",
		"--tag", "--install-strategy", "--only", "--location", "--before", "--script-shell", "--globalconfig"),
}

// npmInstall tells whether a command is `npm install` (or `npm i`, `npm
// add`) and returns the index of the subcommand word.
func npmInstall(c *shellCmd) (sub int, ok bool) {
	if c.Name() != "npm" {
		return 0, false
	}
	i, name, ok := c.Subcommand(&npmSpec)
	if !ok {
		return 0, false
	}
	switch name {
	case "install", "i", "add", "isntall", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal":
		return i, true
	}
	return 0, false
}
