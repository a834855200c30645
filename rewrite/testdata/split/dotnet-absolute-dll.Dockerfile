FROM mcr.microsoft.com/dotnet/sdk:6.0-alpine
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app
ENTRYPOINT ["dotnet", "/app/Api.dll"]
