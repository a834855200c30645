FROM rust:1.80-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config
WORKDIR /app
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]
