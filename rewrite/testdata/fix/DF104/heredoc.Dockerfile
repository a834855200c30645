FROM python:3.12
RUN <<EOF
echo FROM python:3.12
EOF
