FROM cgr.dev/chainguard/python:latest
WORKDIR /app
COPY . .
CMD ["app.py"]
