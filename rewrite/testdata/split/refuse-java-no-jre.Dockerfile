FROM maven:3.6-jdk-14
WORKDIR /app
COPY . .
RUN mvn -B package
CMD ["java", "-jar", "target/app.jar"]
