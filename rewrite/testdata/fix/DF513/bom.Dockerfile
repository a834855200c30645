FROM node:20-slim
ADD a b /app
