FROM rust:1-bookworm
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build && rm -rf src
COPY . .
RUN cargo build
CMD ["./target/debug/worker"]
