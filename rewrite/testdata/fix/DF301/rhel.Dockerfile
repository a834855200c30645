FROM rockylinux:9
RUN dnf install -y python3 && dnf clean all
WORKDIR /srv
COPY . .
CMD ["python3", "app.py"]
