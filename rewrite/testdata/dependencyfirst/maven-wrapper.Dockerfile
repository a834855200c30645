FROM eclipse-temurin:21-jdk
WORKDIR /build
COPY . .
RUN ./mvnw -B -q package
