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

// Every setting of the README's configuration table is a parameter below (or fixed by the platform:
// NODE_ENV, HOST, PORT), and every one is written on each deployment: keep them in your parameters
// file, not in the portal. An empty value means the bot's default, as in .env.example.

@description('STORAGE: blob (several instances, the Storage account below) or lowdb (files under dataDir; one instance only).')
@allowed([
  'blob'
  'lowdb'
])
param storageKind string = 'blob'

@description('DATA_DIR for storageKind lowdb: /home is the App Service storage that outlives restarts.')
param dataDir string = '/home/data'

@description('CLINIC_NAME: the clinic\'s name on the page, in the Teams app and in replies (default "Your Skin Clinic").')
param clinicName string = ''

@description('CLINIC_PHONE: how a person reaches the clinic; named whenever the bot says "contact the clinic".')
param clinicPhone string = ''

@description('CLINIC_EMAIL: the clinic\'s e-mail address, named with the phone.')
param clinicEmail string = ''

@description('EMERGENCY_NUMBER: the local emergency number (999, 911, 112...); without it the emergency reply says "your local emergency number".')
param emergencyNumber string = ''

@description('BOOKING_URL: where "Book a consultation" leads (http or https URL); empty hides the booking button.')
param bookingUrl string = ''

@description('HANDOFF_WEBHOOK_URL: where a request for a person is POSTed (signed JSON); both handoff settings or neither.')
param handoffWebhookUrl string = ''

@description('HANDOFF_WEBHOOK_SECRET: the shared secret of the handoff request\'s X-Signature-256 (at least 16 characters).')
@secure()
param handoffWebhookSecret string = ''

@description('ADMIN_TOKEN: turns on the clinic\'s insights at /admin/insights (at least 32 characters); empty: no /admin route.')
@secure()
param adminToken string = ''

@description('INSIGHTS_MIN_COUNT: counts below it are hidden in the insights (an integer of at least 1; empty: 5).')
param insightsMinCount string = ''

@description('WHATSAPP_VERIFY_TOKEN: the webhook verify token you chose in Meta\'s app (all four WhatsApp settings or none).')
@secure()
param whatsappVerifyToken string = ''

@description('WHATSAPP_APP_SECRET: the Meta app\'s secret, which checks every webhook\'s signature.')
@secure()
param whatsappAppSecret string = ''

@description('WHATSAPP_ACCESS_TOKEN: a system-user token of the Meta app.')
@secure()
param whatsappAccessToken string = ''

@description('WHATSAPP_PHONE_NUMBER_ID: the WhatsApp phone number\'s id.')
param whatsappPhoneNumberId string = ''

@description('WHATSAPP_GRAPH_API_BASE: the Graph API base URL, versioned (empty: the bot\'s default).')
param whatsappGraphApiBase string = ''

@description('WHATSAPP_MAX_MESSAGES_PER_WEBHOOK: messages read from one webhook (empty: 1000, Meta\'s batch maximum).')
param whatsappMaxMessagesPerWebhook string = ''

@description('DIRECT_LINE_BASE: the Direct Line service (empty: https://directline.botframework.com).')
param directLineBase string = ''

@description('WEBSITE_URL: the https page the Teams app shows as the clinic\'s website.')
param websiteUrl string = ''

@description('PRIVACY_URL: the https privacy statement the Teams app links to.')
param privacyUrl string = ''

@description('TERMS_URL: the https terms of use the Teams app links to.')
param termsUrl string = ''

@description('TEAMS_APP_ID: the Teams app\'s GUID (empty: derived from the App ID).')
param teamsAppId string = ''

@description('LOG_LEVEL: fatal, error, warn, info, debug, trace or silent (empty: info).')
param logLevel string = ''

@description('MAX_BODY_BYTES: the largest accepted request body (empty: 262144).')
param maxBodyBytes string = ''

@description('MAX_CONNECTIONS: open HTTP connections at once (empty: 512).')
param maxConnections string = ''

@description('MAX_CONNECTIONS_PER_CLIENT: slow connections one client address may hold (empty: 64; not applied with TRUST_PROXY).')
param maxConnectionsPerClient string = ''

@description('RATE_LIMIT_PER_CLIENT_PER_MINUTE: requests a minute per client address (empty: 600; 0 turns it off).')
param rateLimitPerClientPerMinute string = ''

@description('RATE_LIMIT_PER_CONVERSATION: messages per 10 s in one conversation (empty: 20; 0 turns it off).')
param rateLimitPerConversation string = ''

@description('TRUST_PROXY: true behind App Service (one proxy adds X-Forwarded-For), or the number of proxies in front.')
param trustProxy string = 'true'

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

// The platform's own: production, every interface, App Service's port.
var platformSettings = {
  NODE_ENV: 'production'
  HOST: '0.0.0.0'
  PORT: containerPort
  WEBSITES_PORT: containerPort
  // The package is built before it is deployed (infra/README.md, step 3); App Service runs it as is.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}
var botSettings = {
  STORAGE: storageKind
  DATA_DIR: dataDir
  AZURE_STORAGE_CONNECTION_STRING: storageConnectionString
  AZURE_STORAGE_CONTAINER: storageContainer
  MicrosoftAppId: botAppId
  MicrosoftAppType: msaAppType
  MicrosoftAppTenantId: msaAppTenantId
  // A managed identity has no password.
  MicrosoftAppPassword: useMsi ? '' : msaAppPassword
  DIRECT_LINE_SECRET: directLineSecret
  DIRECT_LINE_BASE: directLineBase
  TRUST_PROXY: trustProxy
  RETENTION_DAYS: string(retentionDays)
  AUDIT_SECRET: auditSecret
  CLINIC_NAME: clinicName
  CLINIC_PHONE: clinicPhone
  CLINIC_EMAIL: clinicEmail
  EMERGENCY_NUMBER: emergencyNumber
  BOOKING_URL: bookingUrl
  HANDOFF_WEBHOOK_URL: handoffWebhookUrl
  HANDOFF_WEBHOOK_SECRET: handoffWebhookSecret
  ADMIN_TOKEN: adminToken
  INSIGHTS_MIN_COUNT: insightsMinCount
  WHATSAPP_VERIFY_TOKEN: whatsappVerifyToken
  WHATSAPP_APP_SECRET: whatsappAppSecret
  WHATSAPP_ACCESS_TOKEN: whatsappAccessToken
  WHATSAPP_PHONE_NUMBER_ID: whatsappPhoneNumberId
  WHATSAPP_GRAPH_API_BASE: whatsappGraphApiBase
  WHATSAPP_MAX_MESSAGES_PER_WEBHOOK: whatsappMaxMessagesPerWebhook
  WEBSITE_URL: websiteUrl
  PRIVACY_URL: privacyUrl
  TERMS_URL: termsUrl
  TEAMS_APP_ID: teamsAppId
  LOG_LEVEL: logLevel
  MAX_BODY_BYTES: maxBodyBytes
  MAX_CONNECTIONS: maxConnections
  MAX_CONNECTIONS_PER_CLIENT: maxConnectionsPerClient
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: rateLimitPerClientPerMinute
  RATE_LIMIT_PER_CONVERSATION: rateLimitPerConversation
}
// Every setting is written, an empty one too (the bot reads it as its default): a redeployment
// leaves no setting behind that the parameters no longer say.
var appSettings = map(items(union(platformSettings, botSettings)), (setting) => {
  name: setting.key
  value: setting.value
})

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
      appSettings: appSettings
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
