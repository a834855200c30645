FROM gradle:8-jdk21
WORKDIR /app
COPY . .
RUN gradle build --no-daemon
