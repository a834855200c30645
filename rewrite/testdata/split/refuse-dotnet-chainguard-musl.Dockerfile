FROM mcr.microsoft.com/dotnet/sdk:10.0-alpine
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -r linux-musl-x64 --self-contained false -o /app
WORKDIR /app
ENTRYPOINT ["dotnet", "Api.dll"]
