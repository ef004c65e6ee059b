import { TENANT_STATUSES } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { issuedApiKeySchema } from '../api-keys/api-keys.dto';
import { pageQuery, pageSchema } from '../http/pagination';
import { SLUG_PATTERN } from './slug';

const tenantName = z
  .string()
  .regex(/\S/, 'must not be blank')
  .trim()
  .min(1)
  .max(200)
  .describe('Who the tenant is, for people')
  .meta({ example: 'Acme Corp' });

export class TenantCreateDto extends createZodDto(
  z.object({
    name: tenantName,
    slug: z
      .string()
      .regex(
        SLUG_PATTERN,
        'lower-case letters, digits and inner hyphens, 1-63 characters (a DNS label)',
      )
      .optional()
      .describe('A unique short name; made from the name when omitted')
      .meta({ example: 'acme-corp' }),
  }),
) {}

export class TenantUpdateDto extends createZodDto(z.object({ name: tenantName })) {}

export class TenantIdParamDto extends createZodDto(
  z.object({
    id: z
      .uuid()
      .describe('The tenant id')
      .meta({ example: '0b6f4b9e-6a51-4d47-9d61-0f1f2d9e8c41' }),
  }),
) {}

export class TenantListQueryDto extends createZodDto(
  z.object({
    ...pageQuery,
    status: z.enum(TENANT_STATUSES).optional().describe('Only tenants in this state'),
  }),
) {}

export const tenantSchema = z.object({
  id: z.uuid(),
  slug: z.string().meta({ example: 'acme-corp' }),
  name: z.string().meta({ example: 'Acme Corp' }),
  status: z
    .enum(TENANT_STATUSES)
    .describe(
      '`active`; `offboarding`: its keys are refused, its schedules disabled, its data kept ' +
        'for export; `deleted`: its data is gone, this row remains as a tombstone',
    ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TenantView = z.infer<typeof tenantSchema>;

export class TenantDto extends createZodDto(tenantSchema) {}

export class TenantPageDto extends createZodDto(pageSchema(tenantSchema)) {}

export const createdTenantSchema = tenantSchema.extend({
  apiKey: issuedApiKeySchema.describe(
    "The tenant's first admin key: hand it to the tenant; it is shown only in this response",
  ),
});
export type CreatedTenantView = z.infer<typeof createdTenantSchema>;

export class CreatedTenantDto extends createZodDto(createdTenantSchema) {}

export const offboardedTenantSchema = tenantSchema.extend({
  offboarding: z.object({
    schedulesDisabled: z.number().int().describe('Schedules disabled by this request'),
    scansCancelled: z
      .number()
      .int()
      .describe('Queued or running scans asked to stop by this request'),
  }),
});
export type OffboardedTenantView = z.infer<typeof offboardedTenantSchema>;

export class OffboardedTenantDto extends createZodDto(offboardedTenantSchema) {}

export const deletedTenantSchema = tenantSchema.extend({
  deletedRows: z
    .record(z.string(), z.number().int())
    .describe('Rows deleted, per table')
    .meta({ example: { findings: 120000, api_keys: 3 } }),
});
export type DeletedTenantView = z.infer<typeof deletedTenantSchema>;

export class DeletedTenantDto extends createZodDto(deletedTenantSchema) {}
