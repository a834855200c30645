FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python scripts/generate_requirements.py
RUN pip install -r requirements.txt
