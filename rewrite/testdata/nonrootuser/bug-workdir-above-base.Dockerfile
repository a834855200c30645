FROM python:3.12-slim
WORKDIR ..
WORKDIR app
RUN mkdir data
COPY . .
CMD ["python", "app.py"]
