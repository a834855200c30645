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
	})
}
