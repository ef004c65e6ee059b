import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** `GET /v1/exports/findings`: CSV, OCSF JSON Lines and ASFF, streamed. */
@Module({ controllers: [ExportsController], providers: [ExportsService] })
export class ExportsModule {}
