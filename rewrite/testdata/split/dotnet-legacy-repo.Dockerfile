FROM microsoft/dotnet:2.1-sdk-stretch
WORKDIR /app
COPY . .
RUN dotnet publish -c Release -o /app/out
WORKDIR /app/out
ENTRYPOINT ["dotnet", "Web.dll"]
