FROM alpine:3.20
CMD ["old"]
RUN <<EOF
echo CMD inside
CMD ["not an instruction"]
EOF
CMD ["new"]
