from mcr.microsoft.com/dotnet/sdk:10.0
workdir /src
copy . .
run dotnet publish Api/Api.csproj -c Release -o /app
workdir /app
cmd ["dotnet", "Api.dll"]
