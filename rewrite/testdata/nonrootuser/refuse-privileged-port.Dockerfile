FROM python:3.12-slim
COPY . /app
EXPOSE 80/tcp
CMD ["python", "/app/server.py"]
