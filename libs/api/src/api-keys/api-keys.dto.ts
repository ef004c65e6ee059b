import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { SCOPES } from '../auth/api-key';
import { pageQuery, pageSchema } from '../http/pagination';

/** The id part of a tenant key (`pal_<id>_<secret>`). */
export const keyIdSchema = z
  .string()
  .regex(/^[a-z0-9]{16}$/, 'a key id is 16 lower-case letters or digits')
  .describe('The key id: the 16 characters after `pal_` in the key')
  .meta({ example: 'k3y1d0f16charsxx' });

const scopeSchema = z
  .enum(SCOPES)
  .describe(
    '`findings:read`: read tenant data; `scans:write`: create and cancel scans; ' +
      '`admin`: everything, including sources, schedules, settings, keys and webhooks',
  );

export const apiKeyCreateSchema = z.object({
  name: z
    .string()
    .regex(/\S/, 'must not be blank')
    .trim()
    .min(1)
    .max(128)
    .describe('What the key is for, to recognise it in the list and the audit log')
    .meta({ example: 'SIEM integration' }),
  scopes: z
    .array(scopeSchema)
    .min(1, 'give at least one scope')
    .max(SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'a scope is listed twice')
    .describe('What the key may do (`admin` implies the others)')
    .meta({ example: ['findings:read'], uniqueItems: true }),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), 'must be in the future')
    .optional()
    .describe('When the key stops working (ISO 8601); never when omitted')
    .meta({ example: '2027-01-01T00:00:00Z' }),
});

export class ApiKeyCreateDto extends createZodDto(apiKeyCreateSchema) {}

export class ApiKeyIdParamDto extends createZodDto(z.object({ id: keyIdSchema })) {}

export class ApiKeyListQueryDto extends createZodDto(z.object(pageQuery)) {}

const timestamp = z.iso.datetime();

export const apiKeySchema = z.object({
  id: keyIdSchema,
  name: z.string().describe('What the key is for'),
  scopes: z.array(scopeSchema).describe('What the key may do'),
  status: z
    .enum(['active', 'expired', 'revoked'])
    .describe('Whether the key works now: revoked wins over expired'),
  createdAt: timestamp,
  createdBy: z
    .string()
    .describe('The id of the key that created it (`operator` for the first key of a tenant)')
    .meta({ example: 'operator' }),
  expiresAt: timestamp.nullable().describe('When it stops working; null: never'),
  revokedAt: timestamp.nullable().describe('When it was revoked; null: not revoked'),
  lastUsedAt: timestamp
    .nullable()
    .describe('When it last made a request (updated at most once a minute); null: never used'),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export class ApiKeyDto extends createZodDto(apiKeySchema) {}

export const issuedApiKeySchema = apiKeySchema.extend({
  key: z
    .string()
    .describe(
      'The key to send as `Authorization: Bearer <key>`. Shown only in this response: Palisade ' +
        'keeps only its SHA-256 and cannot show it again',
    )
    .meta({ example: 'pal_k3y1d0f16charsxx_2xQ8v0cYbq6m7Jx4d9qRr1Z3WmKpL5tN8sE0uHfGa1c' }),
});
export type IssuedApiKeyView = z.infer<typeof issuedApiKeySchema>;

export class IssuedApiKeyDto extends createZodDto(issuedApiKeySchema) {}

export class ApiKeyPageDto extends createZodDto(pageSchema(apiKeySchema)) {}
