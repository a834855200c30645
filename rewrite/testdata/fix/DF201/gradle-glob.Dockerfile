FROM gradle:8.5-jdk21
WORKDIR /home/gradle/project
COPY . .
RUN gradle bootJar --no-daemon
EXPOSE 8080
CMD java $JAVA_OPTS -jar build/libs/*.jar
