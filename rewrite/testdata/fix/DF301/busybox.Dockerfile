FROM busybox:1.36
COPY run.sh /usr/local/bin/
RUN mkdir -p /data
CMD ["run.sh"]
