# syntax=docker/dockerfile:1
# Multi-stage build of Junocal.Web. The runtime image runs as the non-root "app" user and expects SQL Server
# (see docker-compose.yml); set Database__Provider=Sqlite and mount a writable App_Data to use SQLite instead.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY Junocal.Domain/Junocal.Domain.csproj Junocal.Domain/
COPY Junocal.Web/Junocal.Web.csproj Junocal.Web/
COPY Junocal.Sandbox/Junocal.Sandbox.csproj Junocal.Sandbox/
RUN dotnet restore Junocal.Web/Junocal.Web.csproj
COPY Junocal.Domain/ Junocal.Domain/
COPY Junocal.Web/ Junocal.Web/
COPY Junocal.Sandbox/ Junocal.Sandbox/
RUN dotnet publish Junocal.Web/Junocal.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=SqlServer \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Junocal.Web.dll"]
