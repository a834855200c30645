FROM python:3.12
WORKDIR /app
COPY . .
RUN python setup.py build_ext
RUN pip install -r requirements.txt
