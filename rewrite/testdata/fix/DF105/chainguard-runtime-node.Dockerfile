FROM node:20-bookworm-slim
WORKDIR /app
COPY --chown=node:node dist/ ./dist/
COPY node_modules/ ./node_modules/
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "dist/server.js"]
