package shellcmd

// npm's option syntax and the reading of `npm install` shared by DF431 and
// DF432.

// NpmSpec lists npm options that take their value in the next word.
var NpmSpec = OptSpec{
	ShortValue: "wC",
	LongValue: Set("--prefix", "--registry", "--cache", "--workspace", "--loglevel", "--omit", "--include", "--userconfig",
		"--tag", "--install-strategy", "--only", "--location", "--before", "--script-shell", "--globalconfig"),
}

// NpmInstall tells whether a command is `npm install` (or `npm i`, `npm
// add`) and returns the index of the subcommand word.
func NpmInstall(c *Command) (sub int, ok bool) {
	if c.Name() != "npm" {
		return 0, false
	}
	i, name, ok := c.Subcommand(&NpmSpec)
	if !ok {
		return 0, false
	}
	switch name {
	case "install", "i", "add", "isntall", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal":
		return i, true
	}
	return 0, false
}
