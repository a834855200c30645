FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir poetry==1.8.3 && poetry config virtualenvs.create false && poetry install --only main
CMD ["python", "-m", "app"]
