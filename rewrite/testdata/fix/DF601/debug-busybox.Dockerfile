FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:debug
COPY --from=build /out/app /app
# prepare the data directory
RUN mkdir -p /data && chown 65532:65532 /data
USER 65532
CMD /app --data /data
