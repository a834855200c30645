FROM debian:12
RUN a \
# inner comment
    && b
# between
RUN c
