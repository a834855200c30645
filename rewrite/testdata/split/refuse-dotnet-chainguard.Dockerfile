FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /out
WORKDIR /out
ENTRYPOINT ["dotnet", "Api.dll"]
