FROM node:20-slim
COPY --chown=node:node a b "/app"
