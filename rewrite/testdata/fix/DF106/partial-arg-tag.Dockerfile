ARG PY=3.7
FROM python:${PY}
FROM --platform=linux/amd64 php:8.1-cli AS run
