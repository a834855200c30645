FROM amazonlinux:2023
RUN dnf install -y python3 && dnf clean all
CMD ["python3", "-m", "http.server", "8000"]
