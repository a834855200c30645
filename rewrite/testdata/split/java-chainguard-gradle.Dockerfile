FROM gradle:jdk21
COPY . /home/gradle/project
WORKDIR /home/gradle/project
RUN gradle build --no-daemon
CMD ["java", "-jar", "build/libs/app.jar"]
