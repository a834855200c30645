FROM node:20
WORKDIR /usr/src/app
COPY --chown=node:node . .
RUN npm ci \
 && npm run build
CMD ["node", "dist/index.js"]
