FROM fedora:40
RUN tdnf install -y python3
CMD ["python3"]
