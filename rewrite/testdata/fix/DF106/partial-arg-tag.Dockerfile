ARG PY=3.7
FROM python:${PY}
FROM --platform=linux/amd64 ubuntu:bionic AS run
