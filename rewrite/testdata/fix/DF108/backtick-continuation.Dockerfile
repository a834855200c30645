# escape=`
FROM --platform=$TARGETPLATFORM `
    # the runtime image
    alpine:3.20
CMD ["true"]
