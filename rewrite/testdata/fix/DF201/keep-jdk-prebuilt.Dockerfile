FROM openjdk:17-bullseye
RUN mkdir -p /app && curl -sSL https://example.com/app.tar.gz | tar xz -C /app
ENTRYPOINT ["/app/bin/start"]
