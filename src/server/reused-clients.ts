import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { RecentValues } from '../recent-values.js';

// botbuilder does not re-export botframework-connector's types; they are taken from its methods.
type Authentication = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Authentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<Authentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Clients kept per kind; the least recently used goes first (a serviceUrl comes from the request). */
const KEPT_CLIENTS = 32;

/** Clients by key, the least recently used dropped beyond a bound; a client that failed to be made is not kept. */
export class RecentClients<T> {
  private readonly clients: RecentValues<Promise<T>>;

  constructor(capacity: number) {
    this.clients = new RecentValues(capacity);
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    return this.clients.getOrMake(key, () => {
      const made = make();
      // The next turn tries again.
      made.catch(() => this.clients.get(key) === made && this.clients.delete(key));
      return made;
    });
  }
}

/**
 * Bot Framework authentication that reuses the clients a turn needs. CloudAdapter makes a
 * Connector client and a user-token client for every incoming activity, each building an HTTP
 * pipeline (reusing them gave 6-15 % more turns a second at one conversation, docs/benchmark.md);
 * they hold the bot's credentials and options and nothing of the turn, so one per bot app id,
 * service URL and audience serves every turn.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new RecentClients<ConnectorClient>(KEPT_CLIENTS);
  private readonly userTokenClients = new RecentClients<UserTokenClient>(KEPT_CLIENTS);

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    const connectors = this.connectors;
    return {
      create: (serviceUrl: string, audience?: string) =>
        connectors.get(JSON.stringify([appId, serviceUrl, audience ?? null]), () => factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
  }
}

/** The calling app as its token names it (v1 tokens: appid, v2: azp); both kept, so no two apps share a key. */
function appIdOf(identity: ClaimsIdentity): string {
  const claim = (type: string) => identity.claims.find((found: { type: string }) => found.type === type)?.value ?? null;
  return JSON.stringify([claim('appid'), claim('azp')]);
}
