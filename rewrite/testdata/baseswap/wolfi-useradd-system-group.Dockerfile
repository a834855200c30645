FROM debian:bookworm-slim
RUN id app || useradd -r -u 999 app
RUN usermod -aG staff app
USER app
CMD ["app"]
