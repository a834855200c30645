FROM python:3.12-slim
RUN useradd -m -u 1001 app
USER app
RUN pip install --user httpie
# needs root for the port
USER root
CMD ["http"]
