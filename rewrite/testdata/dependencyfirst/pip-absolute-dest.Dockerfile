FROM python:3.12-slim

# the application
COPY . /srv/app

RUN pip install -r /srv/app/requirements/prod.txt
WORKDIR /srv/app
CMD ["python", "main.py"]
