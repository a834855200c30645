FROM maven:3.9-eclipse-temurin-21
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -B -DskipTests package
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "target/service.jar"]
