import { buildOpenApiDocument, setupDocs } from '@palisade/api';
import { PALISADE_VERSION } from '@palisade/findings';
import { bootstrapService } from '@palisade/observability';
import { ApiAppModule } from './api.module';

void bootstrapService({
  name: 'api',
  module: ApiAppModule,
  configure: (app) => setupDocs(app, buildOpenApiDocument(app, PALISADE_VERSION)),
});
