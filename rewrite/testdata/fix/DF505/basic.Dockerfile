FROM alpine:3.20
CMD ["sh"]
RUN echo hi
CMD ["ash"]
