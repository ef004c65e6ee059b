import { Module } from '@nestjs/common';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

/** `/v1/settings`: the tenant's check thresholds. */
@Module({ controllers: [SettingsController], providers: [SettingsService] })
export class SettingsModule {}
