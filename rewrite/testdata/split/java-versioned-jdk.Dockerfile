FROM eclipse-temurin:17.0.2_8-jdk-focal
WORKDIR /app
COPY . .
RUN ./mvnw -B package
ENTRYPOINT ["java", "-jar", "/app/target/app.jar"]
