import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createDataSourceOptions } from '../data-source/data-source-options';
import { PersistenceError } from '../errors/persistence-error';
import { PeriodicTaskScheduler } from '../locking/periodic-task.scheduler';
import { assertServiceRole } from '../roles/service-role-check';
import { DatabaseReadiness } from './database-readiness';
import { TenantTransactions } from './tenant-transactions';

export interface PersistenceModuleOptions {
  /** The service role's connection URL (APP_ROLE, never the owner). */
  url: string;
  applicationName: string;
  poolSize?: number;
  /** Connection attempts at boot before giving up. Default 5, 2 s apart. */
  retryAttempts?: number;
  /** Refuse to start when the role would bypass RLS (`assertServiceRole`). Default true. */
  verifyServiceRole?: boolean;
}

export interface PersistenceModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  readonly useFactory: (
    ...args: never[]
  ) => PersistenceModuleOptions | Promise<PersistenceModuleOptions>;
}

const PERSISTENCE_OPTIONS = Symbol('PERSISTENCE_OPTIONS');

@Module({})
class PersistenceOptionsModule {}

/** Builds and checks the DataSource: a role that would bypass RLS never gets to serve. */
async function openDataSource(
  options: PersistenceModuleOptions,
  dataSourceOptions: DataSourceOptions,
): Promise<DataSource> {
  const dataSource = await new DataSource(dataSourceOptions).initialize();
  if (options.verifyServiceRole ?? true) {
    try {
      await assertServiceRole(dataSource);
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }
  return dataSource;
}

/**
 * Global: provides the DataSource (and TypeORM's repository tokens for `TypeOrmModule.forFeature`),
 * `TenantTransactions`, `PeriodicTaskScheduler` and `DatabaseReadiness`. The DataSource is
 * closed on application shutdown, after periodic tasks have stopped (module destroy).
 * `forRootAsync` takes its options from other providers (an app's parsed config).
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return PersistenceModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(async: PersistenceModuleAsyncOptions): DynamicModule {
    const optionsProvider: Provider = {
      provide: PERSISTENCE_OPTIONS,
      inject: async.inject ?? [],
      useFactory: async.useFactory,
    };
    const optionsModule: DynamicModule = {
      module: PersistenceOptionsModule,
      imports: async.imports ?? [],
      providers: [optionsProvider],
      exports: [PERSISTENCE_OPTIONS],
    };
    let resolved: PersistenceModuleOptions | undefined;
    const typeOrm = TypeOrmModule.forRootAsync({
      imports: [optionsModule],
      inject: [PERSISTENCE_OPTIONS],
      useFactory: (options: PersistenceModuleOptions) => {
        resolved = options;
        return {
          ...createDataSourceOptions({
            url: options.url,
            role: 'service',
            applicationName: options.applicationName,
            poolSize: options.poolSize,
          }),
          retryAttempts: options.retryAttempts ?? 5,
          retryDelay: 2000,
          toRetry: (error: unknown) => !(error instanceof PersistenceError),
        };
      },
      dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
        if (resolved === undefined || dataSourceOptions === undefined) {
          throw new Error('PersistenceModule: the data source options were not resolved');
        }
        return openDataSource(resolved, dataSourceOptions);
      },
    });
    const providers = [TenantTransactions, PeriodicTaskScheduler, DatabaseReadiness];
    return {
      module: PersistenceModule,
      global: true,
      imports: [typeOrm],
      providers,
      exports: [typeOrm, ...providers],
    };
  }
}
