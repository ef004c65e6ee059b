import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryTransactions } from '@palisade/persistence';
import {
  DEFAULT_DISCOVERY_OPTIONS,
  DISCOVERY_OPTIONS,
  type DiscoveryOptions,
} from './discovery-options';
import { FanOutService } from './scans/fan-out.service';
import { PreflightService } from './scans/preflight.service';
import { ScanRequestedConsumer } from './scans/scan-requested.consumer';
import { TargetResolver } from './scans/target-resolver.service';
import { ScheduleFiringService } from './schedules/schedule-firing.service';

/**
 * What the discovery service does, for any process that hosts it (apps/discovery, the CLI):
 * fan scan requests out into jobs and fire schedules. Needs the global PersistenceModule,
 * MessagingModule and AwsModule of its host.
 */
@Module({})
export class DiscoveryFeatureModule {
  static forRoot(options: Partial<DiscoveryOptions> = {}): DynamicModule {
    return {
      module: DiscoveryFeatureModule,
      providers: [
        { provide: DISCOVERY_OPTIONS, useValue: { ...DEFAULT_DISCOVERY_OPTIONS, ...options } },
        DiscoveryTransactions,
        TargetResolver,
        PreflightService,
        FanOutService,
        ScanRequestedConsumer,
        ScheduleFiringService,
      ],
      exports: [FanOutService, ScheduleFiringService],
    };
  }
}
