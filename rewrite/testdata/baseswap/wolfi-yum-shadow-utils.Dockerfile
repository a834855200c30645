FROM registry.access.redhat.com/ubi9/ubi
RUN yum install -y shadow-utils.x86_64 libcurl && yum clean all
RUN useradd -u 1001 app
USER app
CMD ["app"]
