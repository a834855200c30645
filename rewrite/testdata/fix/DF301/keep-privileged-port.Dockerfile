FROM python:3.12-slim
EXPOSE 443
CMD ["python", "server.py"]
