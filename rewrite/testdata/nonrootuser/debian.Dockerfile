FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN mkdir -p data /app/uploads /var/log/app
COPY requirements.txt /tmp/
COPY . .
CMD ["python", "app.py"]
