# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
run echo a `
    b
RUN c
