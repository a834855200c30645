FROM golang:1.12-alpine
WORKDIR /src
COPY . .
RUN go build -o /bin/app .
CMD ["/bin/app"]
