FROM openjdk:17-slim-bullseye
COPY app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
