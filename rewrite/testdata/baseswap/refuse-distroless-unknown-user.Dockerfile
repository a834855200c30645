FROM node:20-slim
WORKDIR /app
COPY --chown=node:node . .
USER node
CMD ["server.js"]
