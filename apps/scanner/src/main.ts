import { bootstrapService } from '@palisade/observability';
import { ScannerAppModule } from './scanner.module';

void bootstrapService({ name: 'scanner', module: ScannerAppModule });
