import { defineCheck } from '../../../framework/check';
import { s3DataEventResults } from '../s3-data-events';
import { metadata } from './cloudtrail_s3_data_events_write_enabled.metadata';

export const cloudtrailS3DataEventsWriteEnabled = defineCheck(metadata, (collected, ctx) =>
  s3DataEventResults(metadata, 'write', collected, ctx),
);
