FROM debian:bookworm-slim
RUN groupadd -f app
CMD ["app"]
