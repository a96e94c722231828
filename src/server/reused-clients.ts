import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';

// botbuilder does not re-export botframework-connector's types; they are taken from its methods.
type Authentication = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Authentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<Authentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Clients kept per kind; the least recently used goes first (a serviceUrl comes from the request). */
const KEPT_CLIENTS = 32;

/** A small map that forgets its least recently used entry beyond a bound. */
export class RecentClients<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else {
      entry = make();
      // A failure is not kept: the next turn tries again.
      entry.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    }
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/**
 * Bot Framework authentication that reuses the clients a turn needs. CloudAdapter makes a
 * Connector client and a user-token client for every incoming activity (each builds an HTTP
 * pipeline: about 2 % of a turn here); they hold the bot's credentials and options and nothing
 * of the turn, so one per bot app id, service URL and audience serves every turn.
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
