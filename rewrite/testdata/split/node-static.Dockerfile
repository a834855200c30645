FROM node:20
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm install -g serve
EXPOSE 3000
CMD ["serve", "dist", "-l", "3000"]
