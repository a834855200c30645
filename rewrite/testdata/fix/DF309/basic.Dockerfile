FROM debian:12
ARG UID=1000000
RUN groupadd -g ${UID} app \
    # the user, with a fixed high id
 && useradd -u${UID} -g app -m app
USER app
