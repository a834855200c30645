from golang:1.23-alpine
workdir /app
copy . .
run go install ./cmd/worker
cmd ["worker"]
