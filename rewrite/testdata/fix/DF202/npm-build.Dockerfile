FROM node:20-slim
WORKDIR /usr/src/app
# everything
COPY --chown=node:node . .
RUN npm ci --omit=dev \
    && npm run build
USER node
CMD ["node", "dist/index.js"]
