FROM debian:bookworm-slim
COPY pkg.deb /tmp/
RUN dpkg -i /tmp/pkg.deb
CMD ["app"]
