import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MessagingExplorer } from './core/messaging-explorer';
import { MessagingLifecycle } from './core/messaging-lifecycle';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './core/messaging-options';
import { MessageTransport, Publisher } from './core/publisher';
import { InProcessTransport } from './in-process/in-process-transport';
import { KafkaTransport } from './kafka/kafka-transport';

export function createTransport(options: MessagingModuleOptions): MessageTransport {
  return options.transport === 'kafka'
    ? new KafkaTransport(options)
    : new InProcessTransport(options);
}

export interface MessagingModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  readonly useFactory: (
    ...args: never[]
  ) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
}

const providers: Provider[] = [
  { provide: MessageTransport, inject: [MESSAGING_OPTIONS], useFactory: createTransport },
  { provide: Publisher, useExisting: MessageTransport },
  MessagingExplorer,
  MessagingLifecycle,
];

/**
 * Kafka or in-process messaging for a Nest application (global: inject `Publisher` anywhere).
 * Handlers are methods decorated with `@MessageHandler` on any provider; they start consuming
 * at application bootstrap.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, ...providers],
      exports: [Publisher, MessageTransport],
    };
  }

  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory,
        },
        ...providers,
      ],
      exports: [Publisher, MessageTransport],
    };
  }
}
