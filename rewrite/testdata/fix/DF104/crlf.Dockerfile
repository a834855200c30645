FROM node:20
CMD ["node"]
