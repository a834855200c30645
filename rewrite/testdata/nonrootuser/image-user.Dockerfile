FROM node:20-slim
WORKDIR /home/node/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && mkdir -p cache
COPY --chown=node:node public ./public
COPY . .
CMD ["node", "server.js"]
