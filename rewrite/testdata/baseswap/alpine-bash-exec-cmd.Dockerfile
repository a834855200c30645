FROM node:20
WORKDIR /app
COPY . .
CMD ["bash", "-c", "node server.js"]
