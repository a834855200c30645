FROM python:3.12-slim
ENV PORT=80
WORKDIR /app
COPY . .
EXPOSE ${PORT}
CMD ["python", "server.py"]
