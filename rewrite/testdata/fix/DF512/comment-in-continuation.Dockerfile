FROM nginx:1.27
EXPOSE 80/TCP \
# and TLS
    443/TCP
