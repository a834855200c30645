FROM example.com/platform/base:3
CMD ["app"]
