import { Module } from '@nestjs/common';
import { ConnectionTestService } from './connection-test.service';
import {
  DEPLOY_TEMPLATES,
  findDeployRoot,
  loadDeployTemplates,
} from './onboarding/deploy-templates';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

/**
 * `/v1/sources`: what a tenant scans, its onboarding material (read from deploy/aws at boot:
 * a missing template fails the start, not a request) and the connection test.
 */
@Module({
  controllers: [SourcesController],
  providers: [
    SourcesService,
    ConnectionTestService,
    {
      provide: DEPLOY_TEMPLATES,
      useFactory: () => loadDeployTemplates(findDeployRoot([__dirname, process.cwd()])),
    },
  ],
})
export class SourcesModule {}
