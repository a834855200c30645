package rules

import "testing"

func TestDF520MissingHealthcheck(t *testing.T) {
	runCases(t, "DF520", []ruleCase{
		{name: "service without", src: "FROM nginx:1.27\nEXPOSE 80\n", want: 1},
		{name: "service with", src: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/\n", want: 0},
		{name: "NONE", src: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE\n", want: 0},
		{name: "no EXPOSE", src: "FROM alpine:3.20\nCMD [\"sh\"]\n", want: 0},
		{name: "build stage only", src: "FROM golang:1.23 AS b\nEXPOSE 80\nFROM alpine:3.20\n", want: 0},
		{name: "inherited EXPOSE", src: "FROM nginx:1.27 AS base\nEXPOSE 80\nFROM base\n", want: 1},
		{name: "inherited HEALTHCHECK", src: "FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nEXPOSE 80\n", want: 0},
	})
}
