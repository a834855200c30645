FROM cgr.dev/chainguard/python:latest
COPY . /app
CMD python /app/main.py
