FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
RUN groupadd -r web && useradd -r -g web -u 1001 web
WORKDIR /srv
COPY . .
CMD ["python3", "app.py"]
