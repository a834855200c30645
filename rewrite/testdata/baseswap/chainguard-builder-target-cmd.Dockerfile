FROM python:3.12-slim AS builder
WORKDIR /app
COPY . .
CMD ["flask", "run"]

FROM builder AS final
CMD ["gunicorn", "app:app"]
