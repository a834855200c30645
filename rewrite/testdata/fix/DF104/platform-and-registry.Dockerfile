FROM --platform=linux/amd64 docker.io/library/node:20-bookworm
CMD ["node"]
