FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o app .
RUN mkdir -p /var/lib/app && chown 1000 /var/lib/app
USER 1000
CMD ["./app"]
