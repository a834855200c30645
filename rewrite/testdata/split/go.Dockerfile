FROM golang:1.22
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /bin/server ./cmd/server
ENV APP_ENV=production
EXPOSE 8080
CMD ["/bin/server", "--addr", ":8080"]
