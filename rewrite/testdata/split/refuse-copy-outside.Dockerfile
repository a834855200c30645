FROM golang:1.22
WORKDIR /src
COPY . .
COPY config.yaml /etc/app/config.yaml
RUN go build -o /bin/app .
CMD ["/bin/app"]
