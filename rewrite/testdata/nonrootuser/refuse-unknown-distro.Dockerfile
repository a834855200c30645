FROM registry.example.com/team/base:1.0
COPY app /usr/local/bin/app
CMD ["app"]
