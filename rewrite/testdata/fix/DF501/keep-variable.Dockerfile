FROM node:22-slim
CMD node $APP
