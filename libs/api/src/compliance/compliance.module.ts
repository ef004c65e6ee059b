import { Module } from '@nestjs/common';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { TrendsController } from './trends.controller';
import { TrendsService } from './trends.service';

/** `/v1/compliance` (frameworks → requirements by account and OU, posture scores) and `/v1/trends`. */
@Module({
  controllers: [ComplianceController, TrendsController],
  providers: [ComplianceService, TrendsService],
})
export class ComplianceModule {}
