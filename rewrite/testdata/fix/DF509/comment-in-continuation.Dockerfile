FROM debian:12
RUN a \
# inner comment
    --flag
# between
RUN c
