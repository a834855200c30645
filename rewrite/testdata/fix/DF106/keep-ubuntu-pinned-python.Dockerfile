FROM ubuntu:20.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3.9 python3.9-venv \
    && rm -rf /var/lib/apt/lists/*
CMD ["python3.9", "-m", "http.server"]
