import { Module } from '@nestjs/common';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

/** `/v1/schedules`: cron schedules of scans (discovery's scheduler fires them). */
@Module({ controllers: [SchedulesController], providers: [SchedulesService] })
export class SchedulesModule {}
