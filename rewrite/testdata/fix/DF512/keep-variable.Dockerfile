FROM nginx:1.27
EXPOSE ${PORT}/tcp 80/tcp
