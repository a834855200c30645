FROM golang:1.26 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN go build -o /out/tool ./cmd/tool
FROM python:3.12-slim
COPY --from=build /out/tool /usr/local/bin/tool
CMD ["tool"]
