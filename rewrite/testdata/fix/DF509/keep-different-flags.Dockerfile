FROM debian:12
RUN a
RUN --mount=type=cache,target=/root/.cache b
RUN ["c"]
