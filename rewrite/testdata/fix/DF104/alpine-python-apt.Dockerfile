FROM python:3.12
RUN apt-get update && apt-get install -y --no-install-recommends gcc libffi-dev \
    && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["python", "/app/main.py"]
