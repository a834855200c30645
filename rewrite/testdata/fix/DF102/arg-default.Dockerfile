ARG TAG=latest
FROM python:${TAG}
CMD ["python"]
