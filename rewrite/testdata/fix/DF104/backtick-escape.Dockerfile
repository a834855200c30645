# escape=`
FROM node:20 `
    AS web
CMD ["node"]
