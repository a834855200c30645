FROM node:20
SHELL ["/bin/bash", "-c"]
WORKDIR /app
COPY . .
CMD node server.js
