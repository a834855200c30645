FROM node:22
SHELL ["/bin/bash", "-c"]
WORKDIR /app
COPY . .
CMD node server.js
