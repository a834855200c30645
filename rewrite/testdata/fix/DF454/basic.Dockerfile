FROM debian:12
RUN set -eux; \
    wget -O /tmp/a.tgz "https://example.com/a.tgz"; \
    wget -qO- https://example.com/key | gpg --dearmor > /k.gpg; \
    sh -c "wget https://example.com/b"
