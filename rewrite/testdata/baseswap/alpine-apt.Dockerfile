FROM python:3.12-slim
ENV DEBIAN_FRONTEND=noninteractive
# runtime libraries
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
