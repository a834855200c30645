FROM debian:12
RUN a
RUN b
