FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir poetry && poetry install --only main
CMD ["python", "-m", "app"]
