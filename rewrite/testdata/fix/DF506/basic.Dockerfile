FROM alpine:3.20
ADD --chown=app:app app.py /srv/
ADD rootfs.tar.gz /
onbuild add . /srv
