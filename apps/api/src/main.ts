import { bootstrapService } from '@palisade/observability';
import { ApiAppModule } from './api.module';

void bootstrapService({ name: 'api', module: ApiAppModule });
