FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 \
 && ln -s /usr/lib/x86_64-linux-gnu/libgomp.so.1 /opt/libgomp.so
CMD ["python"]
