FROM node:latest-alpine AS assets
RUN npm ci && npm run build
FROM python:latest
COPY --from=assets /dist /srv
