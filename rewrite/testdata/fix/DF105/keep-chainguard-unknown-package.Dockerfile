FROM ruby:3.3
RUN apt-get update -qq && apt-get install -y nodejs libvips42 postgresql-client
WORKDIR /rails
COPY . .
RUN bundle install
CMD ["bin/rails", "server"]
