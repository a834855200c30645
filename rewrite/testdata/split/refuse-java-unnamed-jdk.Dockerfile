FROM maven:3.6.3
WORKDIR /build
COPY . .
RUN mvn -B package
CMD ["java", "-jar", "target/app.jar"]
