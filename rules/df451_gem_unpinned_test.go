package rules

import "testing"

func TestDF451GemUnpinned(t *testing.T) {
	runCases(t, "DF451", []ruleCase{
		{name: "unpinned", src: "FROM ruby:3.3\nRUN gem install bundler\n", want: 1, onbuild: true},
		{name: "v", src: "FROM ruby:3.3\nRUN gem install bundler -v 2.5.22\n", want: 0, onbuild: true},
		{name: "version=", src: "FROM ruby:3.3\nRUN gem install bundler --version=2.5.22\n", want: 0},
		{name: "colon", src: "FROM ruby:3.3\nRUN gem install bundler:2.5.22\n", want: 0},
		{name: "i", src: "FROM ruby:3.3\nRUN gem i rake\n", want: 1},
		{name: "no-document", src: "FROM ruby:3.3\nRUN gem install --no-document rake:13.0\n", want: 0},
		{name: "install dir value", src: "FROM ruby:3.3\nRUN gem install -i /gems rake:13\n", want: 0},
		{name: "variable", src: "FROM ruby:3.3\nRUN gem install $GEMS\n", want: 0},
		{name: "and chain", src: "FROM ruby:3.3\nRUN gem update --system && gem install bundler\n", want: 1},
		{name: "sh -c", src: "FROM ruby:3.3\nRUN sh -c 'gem install bundler'\n", want: 1},
		{name: "heredoc", src: "FROM ruby:3.3\nRUN <<EOF\ngem install bundler\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM ruby:3.3\nRUN sudo gem install bundler\n", want: 1},
		{name: "bundle", src: "FROM ruby:3.3\nRUN bundle install\n", want: 0},
		// Words after `--` go to the native extension's build, not to gem.
		{name: "build args after --", src: "FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 -- --use-system-libraries true\n", want: 0, onbuild: true},
		{name: "unpinned before --", src: "FROM ruby:3.3\nRUN gem install nokogiri -- --use-system-libraries\n", want: 1},
		{name: "-v after -- is a build arg", src: "FROM ruby:3.3\nRUN gem install nokogiri -- -v 1\n", want: 1},
	})
}

// The cases of hadolint's DL3028 spec, in dflint's words.
func TestDF451HadolintDL3028(t *testing.T) {
	runCases(t, "DF451", []ruleCase{
		{name: "i unpinned", src: "FROM ruby:3.3\nRUN gem i bundler\n", want: 1, onbuild: true},
		{name: "i pinned", src: "FROM ruby:3.3\nRUN gem i bundler:1\n", want: 0, onbuild: true},
		{name: "one of two unpinned", src: "FROM ruby:3.3\nRUN gem i bundler:1 nokogiri\n", want: 1, onbuild: true},
		{name: "both pinned", src: "FROM ruby:3.3\nRUN gem i bundler:1 nokogiri:1\n", want: 0, onbuild: true},
		{name: "install unpinned", src: "FROM ruby:3.3\nRUN gem install bundler\n", want: 1, onbuild: true},
		{name: "install pinned", src: "FROM ruby:3.3\nRUN gem install bundler:1\n", want: 0, onbuild: true},
		{name: "-v quoted", src: "FROM ruby:3.3\nRUN gem install bundler -v '2.0.1'\n", want: 0, onbuild: true},
		{name: "--version value", src: "FROM ruby:3.3\nRUN gem install bundler --version '2.0.1'\n", want: 0, onbuild: true},
		{name: "--version=", src: "FROM ruby:3.3\nRUN gem install bundler --version='2.0.1'\n", want: 0, onbuild: true},
		{name: "-- flag=value", src: "FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries=true\n", want: 0, onbuild: true},
		{name: "-- flag value", src: "FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries true\n", want: 0, onbuild: true},
		{name: "flag=value", src: "FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries=true\n", want: 0, onbuild: true},
		// Deliberate difference: hadolint drops the word after any option;
		// gem has no --use-system-libraries (it rejects the command), and
		// `gem install --no-document rake` installs rake, so dflint reads
		// the word as a gem.
		{name: "unknown flag then word", src: "FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries true\n", want: 1},
	})
}

// TestDF451HadolintCases covers the ground of hadolint's DL3028 spec with
// dflint's own Dockerfiles.
func TestDF451HadolintCases(t *testing.T) {
	runCases(t, "DF451", []ruleCase{
		{name: "DL3028 i unpinned", src: "FROM ruby:3.3\nRUN gem i bundler\n", want: 1, onbuild: true},
		{name: "DL3028 i pinned", src: "FROM ruby:3.3\nRUN gem i bundler:2\n", want: 0, onbuild: true},
		{name: "DL3028 i one of two", src: "FROM ruby:3.3\nRUN gem i bundler:2 nokogiri\n", want: 1},
		{name: "DL3028 i both pinned", src: "FROM ruby:3.3\nRUN gem i bundler:2 nokogiri:1\n", want: 0},
		{name: "DL3028 install unpinned", src: "FROM ruby:3.3\nRUN gem install bundler\n", want: 1},
		{name: "DL3028 install pinned", src: "FROM ruby:3.3\nRUN gem install bundler:2\n", want: 0},
		{name: "DL3028 v", src: "FROM ruby:3.3\nRUN gem install bundler -v '2.5.22'\n", want: 0},
		{name: "DL3028 version", src: "FROM ruby:3.3\nRUN gem install bundler --version '2.5.22'\n", want: 0},
		{name: "DL3028 version equals", src: "FROM ruby:3.3\nRUN gem install bundler --version='2.5.22'\n", want: 0},
		{name: "DL3028 build flags equals", src: "FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 -- --use-system-libraries=true\n", want: 0},
		{name: "DL3028 build flags", src: "FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 -- --use-system-libraries true\n", want: 0},
		// hadolint accepts a build flag without `--`; gem takes it for an
		// option it does not know and `true` for a gem.
		{name: "DL3028 extra flag with value", src: "FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 --use-system-libraries true\n", want: 1},
		{name: "build flags, gem unpinned", src: "FROM ruby:3.3\nRUN gem install nokogiri -- --use-system-libraries\n", want: 1},
		{name: "DL3028 extra flag equals", src: "FROM ruby:3.3\nRUN gem install nokogiri:1.16.7 --use-system-libraries=true\n", want: 0},
	})
}
