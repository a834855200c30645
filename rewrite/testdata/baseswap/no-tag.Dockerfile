FROM --platform=linux/amd64 node AS app
WORKDIR /srv
COPY . .
CMD ["node", "index.js"]
