FROM cgr.dev/chainguard/python:latest-dev AS build
WORKDIR /app
RUN python -m venv /app/venv
COPY requirements.txt .
RUN /app/venv/bin/pip install --no-cache-dir -r requirements.txt

FROM cgr.dev/chainguard/python:latest
WORKDIR /app
ENV PATH="/app/venv/bin:$PATH"
COPY --from=build /app/venv /app/venv
COPY . .
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
