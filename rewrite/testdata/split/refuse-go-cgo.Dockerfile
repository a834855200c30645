FROM golang:1.22-alpine
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN go build -o app .
CMD ["./app"]
