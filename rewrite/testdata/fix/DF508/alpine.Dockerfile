FROM alpine:3.20
RUN wget -qO- https://example.com/install.sh | sh
