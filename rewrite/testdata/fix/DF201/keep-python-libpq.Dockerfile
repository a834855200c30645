FROM python:3.12
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
COPY . .
RUN pip install -r requirements.txt
CMD ["gunicorn", "app:app"]
