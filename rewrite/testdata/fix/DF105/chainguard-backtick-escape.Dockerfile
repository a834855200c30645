# escape=`
FROM python:3.12-slim
RUN apt-get update `
    && apt-get install -y --no-install-recommends `
        curl `
    && rm -rf /var/lib/apt/lists/*
CMD ["python", "-m", "http.server"]
