ARG PY=3.12
FROM python:${PY}-slim AS deps
FROM python:${PY}
RUN echo "building for Python ${PY}"
FROM debian:bookworm
