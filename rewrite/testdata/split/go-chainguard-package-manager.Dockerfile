FROM golang:1.22-alpine
RUN apk add --no-cache git
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /bin/server .
CMD ["/bin/server"]
