import { AWS_ERROR_CODES } from '@palisade/aws';
import { roleArn } from '@palisade/contracts';
import {
  accountsSourceConfigSchema,
  organizationSourceConfigSchema,
  type SourceConfig,
  SOURCE_KINDS,
  type SourceKind,
  sourceDefinitionSchema,
  sourceNameSchema,
} from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';
import { guardedSourceBody } from './body-guards';

const timestamp = z.iso.datetime();

const ROLE_ARN_EXAMPLE = 'arn:aws:iam::111122223333:role/PalisadeDiscoveryRole';

/**
 * The configs a caller may give, by kind. An organization source names the role that walks
 * the organization: without one, the base identity — Palisade's own — would walk it for the
 * tenant (the confused-deputy problem). Only the single-user CLI makes sources without it.
 */
export const API_SOURCE_CONFIG_SCHEMAS = {
  organization: organizationSourceConfigSchema.extend({ managementRoleArn: roleArn }),
  accounts: accountsSourceConfigSchema,
} as const;

const [organizationDefinition, accountsDefinition] = sourceDefinitionSchema.options;

export const createSourceSchema = guardedSourceBody(
  z
    .discriminatedUnion('kind', [
      organizationDefinition.extend({ config: API_SOURCE_CONFIG_SCHEMAS.organization }),
      accountsDefinition,
    ])
    .describe(
      'An AWS Organization (`organization`: the management or delegated-administrator role and ' +
        'the role name of every member account, scope filters, regions) or a list of accounts ' +
        '(`accounts`). Never an ExternalId: Palisade generates it (422 otherwise).',
    )
    .meta({
      example: {
        name: 'Acme organization',
        kind: 'organization',
        config: {
          managementRoleArn: ROLE_ARN_EXAMPLE,
          memberRoleName: 'PalisadeScanRole',
          scope: { includeOus: ['r-ab12'], excludeAccounts: ['444455556666'] },
          regions: ['eu-west-1', 'us-east-1'],
        },
      },
    }),
);
/**
 * What a valid create body is, as one object type: the schema's output is a union by `kind`,
 * which a DTO class cannot extend. The runtime schema (and OpenAPI) is the full union.
 */
export interface CreateSourceBody {
  readonly name: string;
  readonly kind: SourceKind;
  readonly config: SourceConfig;
  readonly preflight: boolean;
}
export class CreateSourceDto extends createZodDto(
  createSourceSchema as unknown as z.ZodType<CreateSourceBody>,
) {}

export const updateSourceSchema = guardedSourceBody(
  z
    .strictObject({
      name: sourceNameSchema.optional().describe('A new name (unique among live sources)'),
      config: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          'The whole new config, validated against the source’s kind (as in `POST /v1/sources`); ' +
            'the kind itself cannot change',
        )
        .meta({
          example: {
            memberRoleName: 'PalisadeScanRole',
            accounts: [{ accountId: '111122223333' }],
          },
        }),
      preflight: z
        .boolean()
        .optional()
        .describe('Assume every account’s role before a scan emits its job'),
    })
    .describe('The fields to change; absent ones are kept'),
);
export class UpdateSourceDto extends createZodDto(updateSourceSchema) {}

export class SourceIdParamDto extends createZodDto(
  z.object({
    id: z
      .uuid()
      .describe('The source id')
      .meta({ example: '0b8a3c1e-2f4d-4e6a-9b1c-3d5e7f9a1b2c' }),
  }),
) {}

export class SourceListQueryDto extends createZodDto(
  z.object({
    ...pageQuery,
    kind: z.enum(SOURCE_KINDS).optional().describe('Only sources of this kind'),
  }),
) {}

const cfnParameterSchema = z.object({
  ParameterKey: z.string().meta({ example: 'ExternalId' }),
  ParameterValue: z.string(),
});

const templateMaterialSchema = z.object({
  templateFile: z
    .string()
    .describe('The template in the Palisade repository')
    .meta({ example: 'deploy/aws/member-role.yaml' }),
  templateBody: z
    .string()
    .describe('The CloudFormation template (YAML) to deploy, as `--template-body`'),
  parameters: z
    .array(cfnParameterSchema)
    .describe('Parameter values for this source, as `--parameters` takes them'),
  missingParameters: z
    .array(z.string())
    .describe('Required parameters Palisade cannot fill in: give them yourself')
    .meta({ example: [] }),
  capabilities: z.array(z.literal('CAPABILITY_NAMED_IAM')).describe('`--capabilities`'),
});

const trustStatementSchema = z.object({
  Sid: z.string(),
  Effect: z.literal('Allow'),
  Principal: z.object({ AWS: z.string() }),
  Action: z.string(),
  Condition: z.record(z.string(), z.record(z.string(), z.string())),
});

export const trustPolicySchema = z
  .object({ Version: z.literal('2012-10-17'), Statement: z.array(trustStatementSchema) })
  .describe(
    'The trust policy the scan role (and the discovery role) must have: AssumeRole by the hub ' +
      'principal with your ExternalId, and SetSourceIdentity `palisade-*`',
  );
export type TrustPolicy = z.infer<typeof trustPolicySchema>;

export const onboardingSchema = z
  .object({
    externalId: z
      .string()
      .describe('The ExternalId Palisade generated for your tenant; every role must require it')
      .meta({ example: 'kq8v0cYbq6m7Jx4d9qRr1Z3WmKpL5tN8sE0uHfGa1cX' }),
    hubPrincipalArn: z
      .string()
      .nullable()
      .describe(
        'The principal the roles must trust: the source’s `hubRoleArn`, else the Palisade ' +
          'installation’s (HUB_PRINCIPAL_ARN); null when neither is set',
      )
      .meta({ example: 'arn:aws:iam::999988887777:role/PalisadeHubRole' }),
    roleName: z
      .string()
      .describe('The scan role’s name in every account (the source’s `memberRoleName`)')
      .meta({ example: 'PalisadeScanRole' }),
    trustPolicy: trustPolicySchema.nullable(),
    memberRole: templateMaterialSchema.describe(
      'The scan role for one account: deploy `member-role.yaml` in each account to scan',
    ),
    organizationStackSet: templateMaterialSchema
      .extend({
        discoveryRoleName: z
          .string()
          .describe('The discovery role the stack creates (the name of `managementRoleArn`)')
          .meta({ example: 'PalisadeDiscoveryRole' }),
      })
      .nullable()
      .describe(
        'For an `organization` source: `org-stackset.yaml` in the management account (or a ' +
          'StackSets delegated administrator, with CallAs=DELEGATED_ADMIN) puts the scan role in ' +
          'every account of the OUs and creates the discovery role; null for `accounts` sources',
      ),
    notes: z.array(z.string()).describe('What to check or complete before deploying'),
  })
  .describe('What to deploy in AWS so Palisade can scan this source, from deploy/aws');
export type OnboardingView = z.infer<typeof onboardingSchema>;
export class OnboardingDto extends createZodDto(onboardingSchema) {}

export const sourceSchema = z.object({
  id: z.uuid(),
  name: z.string().meta({ example: 'Acme organization' }),
  kind: z.enum(SOURCE_KINDS),
  config: z
    .union([
      organizationSourceConfigSchema.extend({
        managementRoleArn: roleArn
          .optional()
          .describe(
            'Always set on a source made through the API; absent only on an organization source ' +
              'the `palisade` CLI made to walk the organization with its own credentials',
          ),
      }),
      accountsSourceConfigSchema,
    ])
    .describe('The config of the source’s kind, defaults filled in'),
  preflight: z.boolean().describe('Assume every account’s role before a scan emits its job'),
  externalId: z
    .string()
    .describe('The ExternalId Palisade generated for your tenant (the same for every source)'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type SourceView = z.infer<typeof sourceSchema>;
export class SourceDto extends createZodDto(sourceSchema) {}

export const sourceDetailSchema = sourceSchema.extend({ onboarding: onboardingSchema });
export type SourceDetailView = z.infer<typeof sourceDetailSchema>;
export class SourceDetailDto extends createZodDto(sourceDetailSchema) {}

export class SourcePageDto extends createZodDto(
  pageSchema(sourceSchema).describe('Live sources by name; `GET /v1/sources/{id}` adds onboarding'),
) {}

const connectionCheckSchema = z.object({
  accountId: z.string().meta({ example: '111122223333' }),
  role: z
    .enum(['management', 'member'])
    .describe(
      '`management`: the organization’s management (or delegated-administrator) role, with ' +
        'DescribeOrganization; `member`: the scan role of one account',
    ),
  roleArn: z.string().describe('The role assumed (after the source’s hub role, if any)'),
  ok: z.boolean(),
  code: z
    .enum([...AWS_ERROR_CODES, 'TIMEOUT'])
    .optional()
    .describe('Why it failed: ASSUME_ROLE_DENIED (trust or ExternalId), ACCESS_DENIED, …'),
  awsCode: z.string().optional().describe('AWS’s own error code').meta({ example: 'AccessDenied' }),
  message: z.string().optional().describe('AWS’s message, for people'),
  identityArn: z
    .string()
    .optional()
    .describe('sts:GetCallerIdentity of the assumed role')
    .meta({ example: 'arn:aws:sts::111122223333:assumed-role/PalisadeScanRole/palisade-test' }),
  sourceIdentity: z
    .boolean()
    .optional()
    .describe('Whether the role’s trust allows sts:SetSourceIdentity (else scans fall back)'),
  organizationId: z
    .string()
    .optional()
    .describe('organizations:DescribeOrganization, for the management role')
    .meta({ example: 'o-a1b2c3d4e5' }),
  durationMs: z.number().int(),
});
export type ConnectionCheckView = z.infer<typeof connectionCheckSchema>;

export const connectionTestSchema = z.object({
  sourceId: z.uuid(),
  testedAt: timestamp,
  summary: z.object({
    tested: z.number().int(),
    ok: z.number().int(),
    failed: z.number().int(),
    byCode: z
      .record(z.string(), z.number().int())
      .describe('Failures per code')
      .meta({ example: { ASSUME_ROLE_DENIED: 1 } }),
  }),
  coverage: z
    .object({
      accountsKnown: z
        .number()
        .int()
        .describe(
          '`accounts`: the listed accounts; `organization`: the ACTIVE accounts of the inventory ' +
            '(as the last scan discovered it, before the source’s scope filters)',
        ),
      accountsTested: z.number().int(),
      limit: z.number().int().describe('At most this many member accounts are tested per call'),
      note: z.string(),
    })
    .describe('Which accounts were tested'),
  accounts: z.array(connectionCheckSchema).describe('One result per role tested'),
});
export type ConnectionTestView = z.infer<typeof connectionTestSchema>;
export class ConnectionTestDto extends createZodDto(connectionTestSchema) {}
