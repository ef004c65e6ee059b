// Builds SDK clients the same way everywhere: endpoint override (emulator/proxy), adaptive
// retries with an attempt budget (Retry-After honoured by the SDK's strategy), shared
// keep-alive agents with bounded sockets, a per-account per-service concurrency limit, and
// the once-only re-assume on expired credentials.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  type AwsCredentialIdentity,
  type AwsCredentialIdentityProvider,
  type MetadataBearer,
  type Pluggable,
} from '@smithy/types';
import { type AwsAccessOptions, endpointFor, normalizeServiceKey } from './aws-access-options';
import { type AwsSession, type RefreshingCredentials } from './aws-session';
import { type AwsLogger } from './aws-logger';
import { KeyedConcurrencyLimiter } from './concurrency-limiter';
import {
  concurrencyLimitPlugin,
  reassumeOnExpiryPlugin,
  s3ControlEndpointProvider,
} from './client-middleware';

/** The configuration the factory passes to every client constructor. */
export interface FactoryClientConfig {
  region: string;
  credentials?: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'adaptive' | 'standard';
  requestHandler: NodeHttpHandler;
  /** S3 against an emulator: `http://host:port/bucket/key` instead of `bucket.host`. */
  forcePathStyle?: boolean;
  /** Against an emulator, model host prefixes (`data.`, `<account>.`) only break the host. */
  disableHostPrefix?: boolean;
}

/** What the factory needs of an SDK client: its middleware stack (and, for S3 Control, its config). */
export interface SdkClientLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each client has its own I/O unions
  middlewareStack: { use(pluggable: Pluggable<any, any>): void };
}

export type SdkClientConstructor<T extends SdkClientLike> = new (config: FactoryClientConfig) => T;

export interface CreateClientOptions {
  region: string;
  /** The service as the endpoint settings name it: `sts`, `ec2`, `s3`, `s3-control`, `organizations`. */
  service: string;
  /** A session from the credential chain: credentials, account (for the limit) and re-assume. */
  session?: AwsSession;
  /** Credentials without a session (base identity); a `RefreshingCredentials` also re-assumes. */
  credentials?: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  /** The account the calls act in; enables the per-account per-service concurrency limit. */
  accountId?: string;
}

/** A handler shared by all clients of a factory: `client.destroy()` must not kill the agents. */
class SharedNodeHttpHandler extends NodeHttpHandler {
  override destroy(): void {
    // Owned by the factory; see AwsClientFactory.destroy().
  }
  close(): void {
    super.destroy();
  }
}

function isRefreshing(c: unknown): c is RefreshingCredentials {
  return (
    typeof c === 'function' && typeof (c as { invalidate?: unknown }).invalidate === 'function'
  );
}

export class AwsClientFactory {
  private readonly handler: SharedNodeHttpHandler;
  private readonly limiter: KeyedConcurrencyLimiter;

  constructor(
    readonly options: AwsAccessOptions,
    private readonly logger: AwsLogger,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost };
    this.handler = new SharedNodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: options.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
    });
    this.limiter = new KeyedConcurrencyLimiter(options.concurrencyPerAccountService);
  }

  /** The client configuration for a service in a region (exposed for tests and diagnostics). */
  configFor(service: string, region: string): FactoryClientConfig {
    const endpoint = endpointFor(this.options, service);
    const config: FactoryClientConfig = {
      region,
      maxAttempts: this.options.maxAttempts,
      retryMode: this.options.retryMode,
      requestHandler: this.handler,
    };
    if (endpoint !== undefined) {
      config.endpoint = endpoint;
      config.disableHostPrefix = true;
      if (normalizeServiceKey(service) === 's3') config.forcePathStyle = true;
    }
    return config;
  }

  createClient<T extends SdkClientLike>(
    ClientClass: SdkClientConstructor<T>,
    opts: CreateClientOptions,
  ): T {
    const credentials = opts.session?.credentials ?? opts.credentials;
    const accountId = opts.session?.accountId ?? opts.accountId;
    const config = this.configFor(opts.service, opts.region);
    if (credentials !== undefined) config.credentials = credentials;
    const client = new ClientClass(config);

    const service = normalizeServiceKey(opts.service);
    if (service === 's3control' && config.endpoint !== undefined) {
      this.pointS3ControlAt(client, config.endpoint);
    }
    if (accountId !== undefined) {
      client.middlewareStack.use(
        concurrencyLimitPlugin<object, MetadataBearer>(this.limiter, `${accountId}:${service}`),
      );
    }
    if (isRefreshing(credentials)) {
      client.middlewareStack.use(
        reassumeOnExpiryPlugin<object, MetadataBearer>(credentials, this.logger, {
          accountId,
          service,
          region: opts.region,
        }),
      );
    }
    return client;
  }

  /** The semaphore behind the per-account per-service limit (read-only use: tests, metrics). */
  get concurrency(): KeyedConcurrencyLimiter {
    return this.limiter;
  }

  /** Closes the shared keep-alive sockets (on application shutdown). */
  destroy(): void {
    this.handler.close();
  }

  private pointS3ControlAt(client: SdkClientLike, endpoint: string): void {
    const config = (client as { config?: { endpointProvider?: unknown } }).config;
    const original = config?.endpointProvider;
    if (config === undefined || typeof original !== 'function') {
      throw new Error('S3 Control client without an endpoint provider: cannot apply the override');
    }
    config.endpointProvider = s3ControlEndpointProvider(
      original as Parameters<typeof s3ControlEndpointProvider>[0],
      endpoint,
    );
  }
}
