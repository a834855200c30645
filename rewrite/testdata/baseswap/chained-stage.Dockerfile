FROM python:3.12 AS base
WORKDIR /app

FROM base
COPY . .
CMD ["python", "app.py"]
