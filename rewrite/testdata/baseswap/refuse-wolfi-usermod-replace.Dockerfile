FROM debian:bookworm-slim
RUN usermod -G staff app
CMD ["app"]
