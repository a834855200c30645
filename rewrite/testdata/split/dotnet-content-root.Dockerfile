FROM mcr.microsoft.com/dotnet/core/sdk:3.1-buster
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
ENV ASPNETCORE_URLS=http://+:5000 ASPNETCORE_ENVIRONMENT=Production
WORKDIR /src
COPY . .
RUN dotnet restore && dotnet publish Web/Web.csproj -c Release -o out
EXPOSE 5000
CMD ["dotnet", "out/Web.dll"]
