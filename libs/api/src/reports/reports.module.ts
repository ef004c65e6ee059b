import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** `GET /v1/scans/{id}/report`: the per-scan HTML report (its renderer is exported for the CLI). */
@Module({ controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
