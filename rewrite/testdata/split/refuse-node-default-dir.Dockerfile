FROM node:20
WORKDIR /web
COPY . .
RUN npm ci && npm run build && npm install -g serve
CMD ["serve"]
