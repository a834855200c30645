FROM openjdk:8-jre
