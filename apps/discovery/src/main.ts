import { bootstrapService } from '@palisade/observability';
import { DiscoveryAppModule } from './discovery.module';

void bootstrapService({ name: 'discovery', module: DiscoveryAppModule });
