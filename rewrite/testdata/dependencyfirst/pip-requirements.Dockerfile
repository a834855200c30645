FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt
CMD ["python", "app.py"]
