// Switchboard on Azure: one App Service (the service, which also serves the tab and its API), the Azure Bot
// registration with its Teams channel, and optionally Azure Database for PostgreSQL (needed to run more than
// one instance: the embedded SQLite store has one owner). Deployed by m365agents.yml's arm/deploy step; the
// outputs are written to env/.env.<env> under their names.
@maxLength(20)
@minLength(4)
@description('Makes the resource names unique; lowercase letters and digits.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU; B1 is enough for a few hundred agents, P1v3 for production.')
param webAppSku string = 'B1'

@description('The bot\'s Entra app (single-tenant).')
param botAadAppClientId string
@secure()
param botAadAppClientSecret string

@description('The service\'s Entra app: Graph, the tab\'s SSO audience, the sync accounts\' client.')
param aadAppClientId string
@secure()
param aadAppClientSecret string
param aadAppTenantId string
param aadAppOauthAuthorityHost string = 'https://login.microsoftonline.com'

@secure()
param ccWebhookSecret string
@secure()
param adminApiKey string
@secure()
@description('base64 of 32 bytes; shared by every instance so each can read the sync accounts\' tokens.')
param syncTokenKey string

@description('Contact center endpoint for Switchboard\'s outbound events; empty: none are sent.')
param ccOutboundUrl string = ''
@allowed([
  '8x8'
  'vonage'
  'dynamics365'
])
param presenceProfile string = '8x8'

@allowed([
  'true'
  'false'
])
@description('\'true\': Azure Database for PostgreSQL holds the data (a string: the Toolkit fills parameters as text).')
param usePostgres string = 'false'
param postgresAdminLogin string = 'switchboard'
@secure()
param postgresAdminPassword string = ''

param botDisplayName string = 'Switchboard'

var usePg = usePostgres == 'true'
var hostName = '${resourceBaseName}.azurewebsites.net'

module database 'postgres.bicep' = if (usePg) {
  name: 'switchboard-postgres'
  params: {
    serverName: '${resourceBaseName}-pg'
    location: location
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
  }
}

var baseSettings = [
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
  {
    name: 'DATA_DIR'
    value: '/home/data'
  }
  {
    name: 'PUBLIC_BASE_URL'
    value: 'https://${hostName}'
  }
  {
    name: 'BOT_ID'
    value: botAadAppClientId
  }
  {
    name: 'BOT_PASSWORD'
    value: botAadAppClientSecret
  }
  {
    name: 'AZURE_TENANT_ID'
    value: aadAppTenantId
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: aadAppClientId
  }
  {
    name: 'AZURE_CLIENT_SECRET'
    value: aadAppClientSecret
  }
  {
    name: 'AZURE_AUTHORITY_HOST'
    value: aadAppOauthAuthorityHost
  }
  {
    name: 'CC_WEBHOOK_SECRET'
    value: ccWebhookSecret
  }
  {
    name: 'ADMIN_API_KEY'
    value: adminApiKey
  }
  {
    name: 'SYNC_TOKEN_KEY'
    value: syncTokenKey
  }
  {
    name: 'PRESENCE_PROFILE'
    value: presenceProfile
  }
]
var outboundSettings = empty(ccOutboundUrl) ? [] : [
  {
    name: 'CC_OUTBOUND_URL'
    value: ccOutboundUrl
  }
]
var databaseSettings = usePg ? [
  {
    name: 'DATABASE_URL'
    value: database.outputs.connectionUrl
  }
] : []

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: webAppSku != 'F1'
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: concat(baseSettings, outboundSettings, databaseSettings)
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${hostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: aadAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
