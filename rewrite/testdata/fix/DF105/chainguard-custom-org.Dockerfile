FROM eclipse-temurin:21-jre-jammy
COPY target/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
