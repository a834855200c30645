FROM rust:1.80
WORKDIR /usr/src/svc
COPY . .
RUN cargo build --release
EXPOSE 3000
CMD ["./target/release/svc"]
