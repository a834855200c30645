FROM rust:1.77
WORKDIR /usr/src/app
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cargo build --release
ENV RUST_LOG=info
EXPOSE 3000
CMD ["./target/release/api", "--port", "3000"]
