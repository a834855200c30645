from golang:1.22
workdir /src
copy . .
run go build -o app ./cmd/app
expose 8080
cmd ["./app"]
