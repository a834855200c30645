FROM python:3.12 AS build
RUN python -m venv /venv && /venv/bin/pip install psycopg2
FROM python:3.12-slim
COPY --from=build /venv /venv
CMD ["/venv/bin/python", "-m", "app"]
