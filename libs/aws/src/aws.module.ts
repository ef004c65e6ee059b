// Nest wiring: one client factory (shared agents, one concurrency limiter) and one credential
// chain (one cache) per application.
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnModuleDestroy,
  type Provider,
} from '@nestjs/common';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { type AwsCredentialIdentityProvider } from '@smithy/types';
import {
  type AwsAccessOptions,
  type AwsAccessOptionsInput,
  resolveAwsAccessOptions,
} from './aws-access-options';
import { type AwsLogger, NestAwsLogger } from './aws-logger';
import { AwsClientFactory } from './client-factory';
import { AwsSessionFactory } from './credential-chain';
import { SdkStsApi, type StsApi } from './sts-api';

export const AWS_ACCESS_OPTIONS = Symbol('AWS_ACCESS_OPTIONS');
export const AWS_LOGGER = Symbol('AWS_LOGGER');
export const AWS_BASE_CREDENTIALS = Symbol('AWS_BASE_CREDENTIALS');
export const AWS_STS_API = Symbol('AWS_STS_API');

export interface AwsModuleOptions extends AwsAccessOptionsInput {
  /** The base identity; default: the SDK's default chain (IRSA, env, profile, instance role). */
  baseCredentials?: AwsCredentialIdentityProvider;
  logger?: AwsLogger;
  /** Replaces STS (unit tests of code built on sessions). */
  sts?: StsApi;
}

export interface AwsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => AwsModuleOptions | Promise<AwsModuleOptions>;
}

const RAW_OPTIONS = Symbol('AWS_MODULE_RAW_OPTIONS');

/** The client factory as a Nest provider: closes the shared sockets on shutdown. */
@Injectable()
export class AwsClientFactoryService extends AwsClientFactory implements OnModuleDestroy {
  constructor(
    @Inject(AWS_ACCESS_OPTIONS) options: AwsAccessOptions,
    @Inject(AWS_LOGGER) logger: AwsLogger,
  ) {
    super(options, logger);
  }
  onModuleDestroy(): void {
    this.destroy();
  }
}

const derivedProviders: Provider[] = [
  {
    provide: AWS_ACCESS_OPTIONS,
    inject: [RAW_OPTIONS],
    useFactory: (o: AwsModuleOptions): AwsAccessOptions => {
      const { baseCredentials: _b, logger: _l, sts: _s, ...access } = o;
      return resolveAwsAccessOptions(access);
    },
  },
  {
    provide: AWS_LOGGER,
    inject: [RAW_OPTIONS],
    useFactory: (o: AwsModuleOptions): AwsLogger => o.logger ?? new NestAwsLogger(),
  },
  {
    provide: AWS_BASE_CREDENTIALS,
    inject: [RAW_OPTIONS],
    useFactory: (o: AwsModuleOptions): AwsCredentialIdentityProvider =>
      o.baseCredentials ?? defaultProvider(),
  },
  AwsClientFactoryService,
  { provide: AwsClientFactory, useExisting: AwsClientFactoryService },
  {
    provide: AWS_STS_API,
    inject: [RAW_OPTIONS, AwsClientFactory],
    useFactory: (o: AwsModuleOptions, clients: AwsClientFactory): StsApi =>
      o.sts ?? new SdkStsApi(clients),
  },
  {
    provide: AwsSessionFactory,
    inject: [AWS_ACCESS_OPTIONS, AWS_STS_API, AWS_BASE_CREDENTIALS, AWS_LOGGER],
    useFactory: (
      options: AwsAccessOptions,
      sts: StsApi,
      base: AwsCredentialIdentityProvider,
      logger: AwsLogger,
    ) => new AwsSessionFactory(options, sts, base, logger),
  },
];

const exported = [AwsClientFactory, AwsSessionFactory, AWS_ACCESS_OPTIONS, AWS_LOGGER];

@Module({})
export class AwsModule {
  static forRoot(options: AwsModuleOptions = {}): DynamicModule {
    return {
      module: AwsModule,
      global: true,
      providers: [{ provide: RAW_OPTIONS, useValue: options }, ...derivedProviders],
      exports: exported,
    };
  }

  /** For apps that map their typed config into the options: `useFactory: (c: AppConfig) => ({...})`. */
  static forRootAsync(options: AwsModuleAsyncOptions): DynamicModule {
    return {
      module: AwsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: RAW_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        ...derivedProviders,
      ],
      exports: exported,
    };
  }
}
