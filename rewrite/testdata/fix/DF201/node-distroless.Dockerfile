FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /home/node/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
EXPOSE 3000
CMD ["node", "src/index.js"]
