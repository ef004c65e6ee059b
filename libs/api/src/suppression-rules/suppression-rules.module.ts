import { Module } from '@nestjs/common';
import { SuppressionRulesController } from './suppression-rules.controller';
import { SuppressionRulesService } from './suppression-rules.service';

/** `/v1/suppression-rules`: CRUD, each change announced on `rules.changed`. */
@Module({ controllers: [SuppressionRulesController], providers: [SuppressionRulesService] })
export class SuppressionRulesModule {}
