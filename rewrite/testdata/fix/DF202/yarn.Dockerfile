FROM node:20-alpine
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && yarn cache clean
CMD ["yarn", "start"]
