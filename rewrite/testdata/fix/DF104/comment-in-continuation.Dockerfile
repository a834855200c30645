FROM python:3.12 \
# the app stage
    AS app
CMD ["python"]
