import {
  Injectable,
  type OnModuleInit,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { HealthRegistry } from '@palisade/observability';
import { DataSource } from 'typeorm';

/**
 * Readiness: resolves when Postgres answers `select 1`, rejects otherwise. Registered as the
 * `postgres` check of the app's HealthRegistry when the app has one.
 */
@Injectable()
export class DatabaseReadiness implements OnModuleInit, OnApplicationShutdown {
  private unregister: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.unregister = this.health?.register('postgres', () => this.ping());
  }

  onApplicationShutdown(): void {
    this.unregister?.();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }
}
