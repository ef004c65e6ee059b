import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const scanReportParamsSchema = z.object({
  id: z.uuid().describe('The scan id').meta({ example: '6f1c2a0e-8d3b-4f7a-9c5e-2b1d0a9e8f70' }),
});

/** `GET /v1/scans/{id}/report`: the scan id (a uuid; anything else is a 400 naming `param.id`). */
export class ScanReportParamsDto extends createZodDto(scanReportParamsSchema) {}
