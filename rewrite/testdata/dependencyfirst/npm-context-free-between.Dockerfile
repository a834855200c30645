from node:20-slim
workdir /app
copy . .
run apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
run npm ci --omit=dev
cmd ["node", "index.js"]
