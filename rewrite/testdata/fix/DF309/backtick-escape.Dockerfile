# escape=`
FROM debian:12
RUN sh -c "useradd `
      -u 3000000 app"
