# escape=`
FROM nginx:1.27
EXPOSE 80/TCP `
    443/TCP
