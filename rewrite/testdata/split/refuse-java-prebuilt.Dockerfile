FROM maven:3.9-eclipse-temurin-21
WORKDIR /opt/app
COPY target/service.jar .
CMD ["java", "-jar", "service.jar"]
