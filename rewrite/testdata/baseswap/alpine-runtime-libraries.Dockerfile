FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4 libsqlite3-0 libicu72 locales && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["python", "/app/main.py"]
