from python:3.11-slim
workdir /app
copy app.py .
cmd ["gunicorn", "app:app"]
