FROM node:20
WORKDIR /app
COPY . .
RUN node scripts/prepare.js && npm ci
