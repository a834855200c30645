FROM alpine:3.20 AS build
RUN echo built > /out.txt

FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /bin/app .
CMD ["/bin/app"]
