import { Module } from '@nestjs/common';
import { FindingsController } from './findings.controller';
import { FindingsService } from './findings.service';

/** `/v1/findings`: the findings list (filters, keyset pages, totals), one finding, its history. */
@Module({ controllers: [FindingsController], providers: [FindingsService] })
export class FindingsModule {}
