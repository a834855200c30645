FROM mcr.microsoft.com/dotnet/sdk:8.0
ENV ASPNETCORE_URLS="https://+:443;http://+:80"
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app
WORKDIR /app
ENTRYPOINT ["dotnet", "Web.dll"]
