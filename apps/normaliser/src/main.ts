import { bootstrapService } from '@palisade/observability';
import { NormaliserAppModule } from './normaliser.module';

void bootstrapService({ name: 'normaliser', module: NormaliserAppModule });
