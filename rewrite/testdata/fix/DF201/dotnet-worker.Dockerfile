FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine
WORKDIR /src
COPY . .
RUN dotnet restore && dotnet publish Worker.csproj -c Release -o out --no-restore
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
ENTRYPOINT ["dotnet", "out/Worker.dll"]
