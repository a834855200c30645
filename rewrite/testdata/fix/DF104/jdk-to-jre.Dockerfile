FROM maven:3 AS build
RUN mvn package
FROM eclipse-temurin:21-jdk-jammy
COPY --from=build /app.jar /app.jar
