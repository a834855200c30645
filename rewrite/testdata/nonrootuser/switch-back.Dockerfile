FROM debian:bookworm-slim
RUN useradd --create-home --uid 1001 worker
USER worker
WORKDIR /home/worker
COPY run.sh .
USER root
CMD ["./run.sh"]
