import { Module } from '@nestjs/common';
import { ScansController } from './scans.controller';
import { ScansService } from './scans.service';

/** `/v1/scans`: start, list, read (with per-account progress) and cancel scans. */
@Module({ controllers: [ScansController], providers: [ScansService] })
export class ScansModule {}
