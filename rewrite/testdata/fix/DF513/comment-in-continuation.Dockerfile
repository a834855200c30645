FROM node:20-slim
COPY a \
# the lock too
    b \
    /app
