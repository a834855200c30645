package images

// The JRE data (jre.json): the eclipse-temurin JRE tags ever published,
// and the Java LTS versions. DF201's split runs a jar on a JRE of the
// JDK's own Java version, and only on a tag that exists.

import (
	_ "embed"
	"regexp"
	"sync"
)

//go:embed jre.json
var jreData []byte

type jreDatabase struct {
	Checked string   `json:"checked"`
	Note    string   `json:"note"`
	Sources []string `json:"sources"`
	LTS     struct {
		Versions []int  `json:"versions"`
		Source   string `json:"source"`
	} `json:"lts"`
	Chainguard struct {
		GradleMajor string `json:"gradleMajor"`
		MavenMajor  string `json:"mavenMajor"`
		JavaMajor   string `json:"javaMajor"`
		Source      string `json:"source"`
	} `json:"chainguard"`
	// UnnamedJDK maps maven and gradle tags that name no JDK to the
	// Java major of the JDK they carry.
	UnnamedJDK struct {
		Source string         `json:"source"`
		Maven  map[string]int `json:"maven"`
		Gradle map[string]int `json:"gradle"`
	} `json:"unnamedJDK"`
	TemurinJRE []string `json:"temurinJRE"`
	published  map[string]bool
}

var jreDB = sync.OnceValue(func() *jreDatabase {
	var db jreDatabase
	if err := decodeStrict(jreData, &db); err != nil {
		panic("jre.json: " + err.Error())
	}
	db.published = map[string]bool{}
	for _, t := range db.TemurinJRE {
		db.published[t] = true
	}
	return &db
})

// TemurinJREPublished tells whether eclipse-temurin published the JRE tag
// (a floating one: 17-jre, 21-jre-alpine).
func TemurinJREPublished(tag string) bool { return jreDB().published[tag] }

// NextJavaLTS is the first LTS Java version at or after major (0 when
// there is none).
func NextJavaLTS(major int) int {
	for _, v := range jreDB().LTS.Versions {
		if v >= major {
			return v
		}
	}
	return 0
}

// ChainguardBuildTool is the major version of Maven ("maven") or Gradle
// ("gradle") in Chainguard's free tier image of that name.
func ChainguardBuildTool(tool string) string {
	switch tool {
	case "maven":
		return jreDB().Chainguard.MavenMajor
	case "gradle":
		return jreDB().Chainguard.GradleMajor
	}
	return ""
}

// UnnamedJDK is the Java major of the JDK in a maven or gradle image whose
// tag names none (maven:3.9, gradle:8): the Eclipse Temurin JDK it shares
// a Tags line with.
func UnnamedJDK(repo, tag string) (int, bool) {
	var m map[string]int
	switch repo {
	case "maven":
		m = jreDB().UnnamedJDK.Maven
	case "gradle":
		m = jreDB().UnnamedJDK.Gradle
	}
	if tag == "" {
		tag = "latest"
	}
	n, ok := m[tag]
	return n, ok
}

// jdkInTag matches a maven or gradle tag that names its JDK
// (3.9-eclipse-temurin-21, 8-jdk17, 3-amazoncorretto-21).
var jdkInTag = regexp.MustCompile(`(temurin|corretto|semeru|sapmachine|ibmjava|openjdk|jdk|graalvm|graal|liberica)-?[0-9]`)

// TagNamesJDK tells whether a maven or gradle tag names its JDK.
func TagNamesJDK(tag string) bool { return jdkInTag.MatchString(tag) }
