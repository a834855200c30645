FROM python:3.11-bookworm AS app
CMD ["python"]
