FROM cgr.dev/chainguard/wolfi-base
RUN apk add --no-cache python-3.12
CMD ["python3", "app.py"]
