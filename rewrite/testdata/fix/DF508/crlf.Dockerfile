FROM debian:12
# run the installer
RUN curl -fsSL https://example.com/install.sh | bash
