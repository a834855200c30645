FROM debian:bookworm-slim
COPY app /usr/local/bin/app
RUN chmod +x /usr/local/bin/app \
# a comment indented with a form feed, which the continuation carries in
