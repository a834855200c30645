FROM debian:12
# fetch the key
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg
