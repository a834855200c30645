# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
CMD powershell -Command `
    Write-Host one
CMD ["cmd"]
