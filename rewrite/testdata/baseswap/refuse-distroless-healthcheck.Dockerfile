FROM python:3.11-slim
COPY app.py /app/
HEALTHCHECK CMD python -c "import urllib.request" || exit 1
CMD ["python", "/app/app.py"]
