// Azure Database for PostgreSQL flexible server for Switchboard's store (DATABASE_URL), reachable from Azure
// services only. The password is a deployment secret; the URL it makes is only ever an app setting.
param serverName string
param location string
param adminLogin string
@secure()
param adminPassword string
param databaseName string = 'switchboard'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: serverName
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: adminLogin
    administratorLoginPassword: adminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: server
  name: databaseName
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "Azure services only", which includes the App Service.
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: server
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

#disable-next-line outputs-should-not-contain-secrets
output connectionUrl string = 'postgres://${adminLogin}:${uriComponent(adminPassword)}@${server.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
