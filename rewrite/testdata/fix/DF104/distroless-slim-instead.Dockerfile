FROM python:3.11
RUN pip install --no-cache-dir flask
CMD ["flask", "run"]
