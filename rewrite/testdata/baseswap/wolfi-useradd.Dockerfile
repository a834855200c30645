FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid=10001 --gid app --no-log-init --create-home --home-dir /home/app -s /bin/sh app \
 && useradd -m -G audio,video -c "Build user" builder
USER app
CMD ["app"]
