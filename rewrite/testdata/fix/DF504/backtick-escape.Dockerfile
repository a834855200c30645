# escape=`
FROM alpine:3.20
maintainer "Jane `"JD`" $HOME"
