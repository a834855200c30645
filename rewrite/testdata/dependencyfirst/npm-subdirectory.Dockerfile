FROM node:20-alpine
WORKDIR /app
COPY . .
RUN cd web && npm install
CMD ["node", "web/server.js"]
