FROM node:20-slim
COPY <<EOF a /app
hello
EOF
