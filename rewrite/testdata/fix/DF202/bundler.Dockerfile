FROM ruby:3.3-slim
WORKDIR /app
COPY . /app
RUN bundle config set --local without development && bundle install
CMD ["bundle", "exec", "puma"]
