FROM microsoft/dotnet:1.1-sdk-jessie
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app
WORKDIR /app
ENTRYPOINT ["dotnet", "Web.dll"]
