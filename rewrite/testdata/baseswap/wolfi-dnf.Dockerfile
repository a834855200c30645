FROM registry.access.redhat.com/ubi9/ubi
RUN dnf install -y python3 && dnf clean all
COPY app.py /app/app.py
CMD ["python3", "/app/app.py"]
