// The micro-needling guidance bot on Azure: App Service (Linux, Node 24 LTS) + Azure Bot (Direct Line
// and Teams channels) + a Storage account for STORAGE=blob, and a user-assigned managed identity
// when msaAppType is UserAssignedMSI. Deploy into a resource group; see README.md beside this file.

targetScope = 'resourceGroup'

@description('Region of the App Service plan, web app, storage account and identity.')
param location string = resourceGroup().location

@description('Short base name; resource names are derived from it (lower-case letters, digits, hyphens).')
@minLength(3)
@maxLength(20)
param baseName string = 'skin-guide'

@description('Web app name: the bot answers at https://<webAppName>.azurewebsites.net.')
@minLength(2)
@maxLength(60)
param webAppName string = '${baseName}-${uniqueString(resourceGroup().id)}'

@description('Azure Bot resource name (globally unique).')
@minLength(2)
@maxLength(64)
param botName string = '${baseName}-bot-${uniqueString(resourceGroup().id)}'

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string = take('${toLower(replace(baseName, '-', ''))}${uniqueString(resourceGroup().id)}', 24)

@description('App Service plan SKU (B1 is the smallest with Always On).')
param appServicePlanSku string = 'B1'

@description('Linux runtime of the web app. Check what App Service offers: az webapp list-runtimes --os linux')
param linuxFxVersion string = 'NODE|24-lts'

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('How the bot authenticates: SingleTenant (an app registration and its client secret) or UserAssignedMSI (a managed identity this template creates).')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param msaAppType string = 'SingleTenant'

@description('SingleTenant: the app registration\'s application (client) ID. Ignored for UserAssignedMSI (the new identity\'s client ID is used).')
param msaAppId string = ''

@description('SingleTenant: a client secret of the app registration. Ignored for UserAssignedMSI.')
@secure()
param msaAppPassword string = ''

@description('Tenant of the app registration or identity.')
param msaAppTenantId string = tenant().tenantId

@description('Key of the pseudonymous conversation key in the audit trail (e.g. openssl rand -hex 32). Keep it: changing it breaks the link between old audit records and their conversations.')
@secure()
@minLength(32)
param auditSecret string

@description('Direct Line secret of the bot\'s Default Site, for the website chat. Empty on the first deployment (the channel is created by it); see README.md.')
@secure()
param directLineSecret string = ''

@description('Blob container for state; <name>-transcripts and <name>-audit are created beside it by the bot.')
@minLength(3)
@maxLength(50)
param storageContainer string = 'bot-state'

@description('Days conversations, answers and transcripts are kept (1-3650).')
@minValue(1)
@maxValue(3650)
param retentionDays int = 30

@description('The clinic\'s name (CLINIC_NAME; read by the bot once that variable is implemented).')
param clinicName string = ''

@description('Where "Book a consultation" leads (http or https URL); empty hides the booking link.')
param bookingUrl string = ''

var useMsi = msaAppType == 'UserAssignedMSI'
var containerPort = '8080'

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useMsi) {
  name: '${baseName}-id'
  location: location
}

var botAppId = useMsi ? botIdentity.properties.clientId : msaAppId

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // The bot connects with a connection string (account key).
    allowSharedKeyAccess: true
    accessTier: 'Hot'
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

var baseSettings = [
  {
    name: 'NODE_ENV'
    value: 'production'
  }
  {
    name: 'HOST'
    value: '0.0.0.0'
  }
  {
    name: 'PORT'
    value: containerPort
  }
  {
    name: 'WEBSITES_PORT'
    value: containerPort
  }
  // The package is built before it is deployed (infra/README.md, step 3); App Service runs it as is.
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
  {
    name: 'STORAGE'
    value: 'blob'
  }
  {
    name: 'AZURE_STORAGE_CONNECTION_STRING'
    value: storageConnectionString
  }
  {
    name: 'AZURE_STORAGE_CONTAINER'
    value: storageContainer
  }
  {
    name: 'MicrosoftAppId'
    value: botAppId
  }
  {
    name: 'MicrosoftAppType'
    value: msaAppType
  }
  {
    name: 'MicrosoftAppTenantId'
    value: msaAppTenantId
  }
  // App Service is one proxy in front that adds the client to X-Forwarded-For.
  {
    name: 'TRUST_PROXY'
    value: 'true'
  }
  {
    name: 'RETENTION_DAYS'
    value: string(retentionDays)
  }
  {
    name: 'AUDIT_SECRET'
    value: auditSecret
  }
  {
    name: 'CLINIC_NAME'
    value: clinicName
  }
  {
    name: 'BOOKING_URL'
    value: bookingUrl
  }
]
var passwordSettings = useMsi ? [] : [
  {
    name: 'MicrosoftAppPassword'
    value: msaAppPassword
  }
]
var directLineSettings = empty(directLineSecret) ? [] : [
  {
    name: 'DIRECT_LINE_SECRET'
    value: directLineSecret
  }
]

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: useMsi ? {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  } : {
    type: 'None'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      alwaysOn: true
      appCommandLine: 'node --max-old-space-size=256 dist/src/index.js'
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(baseSettings, passwordSettings, directLineSettings)
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: empty(clinicName) ? 'Skin treatment guide' : clinicName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: msaAppType
    msaAppTenantId: msaAppTenantId
    msaAppMSIResourceId: useMsi ? botIdentity.id : null
  }
}

// The website chat connects through Direct Line (v3 only); its secret goes into DIRECT_LINE_SECRET.
resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output webApp string = site.name
output chatPageUrl string = 'https://${site.properties.defaultHostName}/'
output messagingEndpoint string = 'https://${site.properties.defaultHostName}/api/messages'
output botResource string = bot.name
output botMicrosoftAppId string = botAppId
output storageAccount string = storage.name
