FROM python:3.8-slim
WORKDIR /app
CMD ["python", "app.py"]
