FROM registry.access.redhat.com/ubi9/ubi:9.4
RUN dnf install -y --setopt=install_weak_deps=False openssl-devel libffi-devel python3-pip \
    && dnf clean all
COPY app /opt/app
CMD ["/opt/app/run"]
