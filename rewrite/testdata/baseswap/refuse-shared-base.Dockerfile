FROM python:3.12 AS base
WORKDIR /app

FROM base AS test
RUN pip install pytest

FROM base
COPY . .
CMD ["python", "app.py"]
