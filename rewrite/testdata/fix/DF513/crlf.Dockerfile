FROM node:20-slim
COPY a b /app
