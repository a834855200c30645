FROM maven:3.9
WORKDIR /build
COPY . .
RUN mvn -B package
CMD ["java", "-jar", "target/app.jar"]
