FROM node:20-slim
COPY a b /app/
COPY a /app
COPY a b .
