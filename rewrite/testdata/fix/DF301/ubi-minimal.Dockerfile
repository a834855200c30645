FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y java-21-openjdk-headless && microdnf clean all
COPY target/app.jar /deployments/app.jar
CMD ["java", "-jar", "/deployments/app.jar"]
