FROM golang:1.22 AS toolchain
WORKDIR /src

FROM toolchain
COPY . .
RUN go build -o /bin/app .
CMD ["/bin/app"]
