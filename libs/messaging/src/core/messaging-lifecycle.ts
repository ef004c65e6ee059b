import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { HealthRegistry } from '@palisade/observability';
import { MessagingExplorer } from './messaging-explorer';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging-options';
import { MessageTransport } from './publisher';

/**
 * Starts consuming once every module is initialised; on shutdown (app.close(), or SIGTERM with
 * `app.enableShutdownHooks()`) stops consuming first — before other modules tear down the
 * database — and releases the producer last, so handlers still draining can publish.
 */
@Injectable()
export class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private unregisterHealth: (() => void) | undefined;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly transport: MessageTransport,
    private readonly explorer: MessagingExplorer,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  /** Readiness: the app's health check asks the broker (admin describeCluster). */
  onModuleInit(): void {
    if (this.health && this.transport.kind === 'kafka') {
      this.unregisterHealth = this.health.register('kafka', () => this.transport.ping());
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.options.consume === false ? [] : this.explorer.explore();
    await this.transport.start(handlers);
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unregisterHealth?.();
    await this.transport.close();
  }
}
