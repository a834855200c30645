FROM node:20
WORKDIR /app
COPY . .
RUN npm ci \
 # then the bundle
 && npm run build
