FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY . .
RUN ./mvnw -B package -DskipTests
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
