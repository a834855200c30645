from alpine:3.20
RUN a
RUN b
