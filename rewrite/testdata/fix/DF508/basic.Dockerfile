FROM debian:12
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg
