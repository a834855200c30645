FROM python:3.12
RUN apt-get update && apt-get install curl git
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev
COPY . /app
CMD python /app/main.py
