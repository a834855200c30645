FROM gcr.io/distroless/python3-debian12
COPY --from=build /venv /venv
COPY app.py /app/
WORKDIR /app
CMD ["app.py"]
