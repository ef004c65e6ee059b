import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { MessagingConfigError } from './errors';
import { type HandlerRegistration, resolveGroup } from './handler-registration';
import { MESSAGE_HANDLER_METADATA, type MessageHandlerMetadata } from './message-handler.decorator';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging-options';
import { TopicNames } from './topic-names';

/** Finds every `@MessageHandler` method of the application's providers and controllers. */
@Injectable()
export class MessagingExplorer {
  /** Distinguishes this process in broadcast groups (one group per instance). */
  readonly instanceId = randomUUID().slice(0, 8);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  explore(): HandlerRegistration[] {
    const names = new TopicNames(this.options.topicPrefix, this.options.groupPrefix);
    const registrations: HandlerRegistration[] = [];
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) {
        continue;
      }
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[methodName];
        if (typeof method !== 'function') {
          continue;
        }
        const metadata = Reflect.getMetadata(MESSAGE_HANDLER_METADATA, method) as
          MessageHandlerMetadata | undefined;
        if (metadata) {
          const bound = (method as (...args: unknown[]) => Promise<void>).bind(instance);
          const name = `${instance.constructor.name}.${methodName}`;
          registrations.push(this.registration(metadata, bound, name, names));
        }
      }
    }
    return registrations;
  }

  private registration(
    { topic, options }: MessageHandlerMetadata,
    handle: (...args: unknown[]) => Promise<void>,
    name: string,
    names: TopicNames,
  ): HandlerRegistration {
    const concurrency = this.options.concurrency?.[topic.name] ?? options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new MessagingConfigError(`${name}: concurrency must be a positive integer`);
    }
    const group = resolveGroup(topic, options, names, this.instanceId);
    const common = { topic, group, concurrency, name };
    if (options.batch) {
      const batch = this.options.batch?.[topic.name] ?? options.batch;
      const { maxSize, maxWaitMs } = batch;
      if (!Number.isInteger(maxSize) || maxSize < 1 || !(maxWaitMs >= 0)) {
        throw new MessagingConfigError(`${name}: batch needs maxSize ≥ 1 and maxWaitMs ≥ 0`);
      }
      return { ...common, kind: 'batch', batch, handle };
    }
    return { ...common, kind: 'single', handle };
  }
}
