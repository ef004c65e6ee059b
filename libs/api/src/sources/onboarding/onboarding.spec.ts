// The onboarding material against the real deploy/aws templates: each template parses as a
// CloudFormation template, every parameter Palisade fills in exists there, every required one is
// filled in or reported missing, and the trust policy is the template's with the values put in.
import { createRequire } from 'node:module';
import {
  type AccountsSourceConfig,
  accountsSourceConfigSchema,
  type OrganizationSourceConfig,
  organizationSourceConfigSchema,
} from '@palisade/persistence';
import { type OnboardingView } from '../sources.dto';
import { findDeployRoot, loadDeployTemplates } from './deploy-templates';
import { buildOnboarding, trustPolicyFor } from './onboarding';

/** js-yaml (a dev tool dependency: eslint's) with the CloudFormation short-form tags. */
interface YamlType {
  readonly tag: string;
}
interface JsYaml {
  Type: new (
    tag: string,
    options: { kind: 'scalar' | 'sequence' | 'mapping'; construct: (data: unknown) => unknown },
  ) => YamlType;
  DEFAULT_SCHEMA: { extend(types: YamlType[]): unknown };
  load(text: string, options: { schema: unknown }): unknown;
}
const yaml = createRequire(__filename)('js-yaml') as JsYaml;

const FUNCTIONS = ['Sub', 'GetAtt', 'Equals', 'If', 'Join', 'Select', 'Split', 'Not', 'And', 'Or'];
const CFN_SCHEMA = yaml.DEFAULT_SCHEMA.extend([
  new yaml.Type('!Ref', { kind: 'scalar', construct: (data) => ({ Ref: data }) }),
  ...FUNCTIONS.flatMap((name) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) =>
        new yaml.Type(`!${name}`, {
          kind,
          construct: (data) => ({
            [`Fn::${name}`]: name === 'GetAtt' && typeof data === 'string' ? data.split('.') : data,
          }),
        }),
    ),
  ),
]);

interface Template {
  AWSTemplateFormatVersion: string;
  Parameters: Record<string, { Type: string; Default?: unknown }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

function parseTemplate(body: string): Template {
  const parsed = yaml.load(body, { schema: CFN_SCHEMA }) as Template;
  expect(parsed.AWSTemplateFormatVersion).toBe('2010-09-09');
  expect(Object.keys(parsed.Resources).length).toBeGreaterThan(0);
  return parsed;
}

/** Replaces `{ Ref: Parameter }` by the parameter's value. */
function resolveRefs(value: unknown, parameters: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, parameters));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string' && ref in parameters) return parameters[ref];
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, resolveRefs(child, parameters)]),
  );
}

function valuesOf(material: { parameters: { ParameterKey: string; ParameterValue: string }[] }) {
  return Object.fromEntries(material.parameters.map((p) => [p.ParameterKey, p.ParameterValue]));
}

/** Every parameter given exists; every one without a default is given or listed missing. */
function expectParametersFit(
  template: Template,
  material: { parameters: { ParameterKey: string }[]; missingParameters: string[] },
): void {
  const declared = Object.keys(template.Parameters);
  const given = material.parameters.map((p) => p.ParameterKey);
  expect(declared).toEqual(expect.arrayContaining([...given, ...material.missingParameters]));
  const required = declared.filter((name) => template.Parameters[name]?.Default === undefined);
  expect([...given, ...material.missingParameters]).toEqual(expect.arrayContaining(required));
}

const templates = loadDeployTemplates(findDeployRoot([__dirname]));
const EXTERNAL_ID = 'kq8v0cYbq6m7Jx4d9qRr1Z3WmKpL5tN8sE0uHfGa1cX';
const HUB = 'arn:aws:iam::999988887777:role/PalisadeHubRole';

const organization: OrganizationSourceConfig = organizationSourceConfigSchema.parse({
  managementRoleArn: 'arn:aws:iam::111122223333:role/PalisadeDiscoveryRole',
  memberRoleName: 'PalisadeScanRole',
});
const accounts: AccountsSourceConfig = accountsSourceConfigSchema.parse({
  memberRoleName: 'AuditRole',
  accounts: [
    { accountId: '111111111111' },
    { accountId: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/Legacy' },
  ],
});

function onboard(
  kind: 'organization' | 'accounts',
  config: OrganizationSourceConfig | AccountsSourceConfig,
  overrides: { hub?: string; rootId?: string | null } = {},
): OnboardingView {
  return buildOnboarding({
    kind,
    config,
    externalId: EXTERNAL_ID,
    installationHubPrincipalArn: 'hub' in overrides ? overrides.hub : HUB,
    templates,
    organizationRootId: overrides.rootId ?? null,
  });
}

describe('buildOnboarding', () => {
  it('should give the member-role template, parsing as CloudFormation, with its ExternalId parameter filled in', () => {
    const material = onboard('accounts', accounts);
    const template = parseTemplate(material.memberRole.templateBody);
    expect(template.Parameters['ExternalId']).toMatchObject({ Type: 'String' });
    expect(valuesOf(material.memberRole)).toEqual({
      HubPrincipalArn: HUB,
      ExternalId: EXTERNAL_ID,
      RoleName: 'AuditRole',
    });
    expectParametersFit(template, material.memberRole);
    expect(material.memberRole.capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(material.organizationStackSet).toBeNull();
    expect(material.notes.join('\n')).toContain(
      'Account 222222222222 is reached through its own role arn:aws:iam::222222222222:role/Legacy',
    );
  });

  it('should give the trust policy the template gives the scan role, with the hub and ExternalId put in', () => {
    const material = onboard('accounts', accounts);
    const template = parseTemplate(material.memberRole.templateBody);
    const role = template.Resources['ScanRole'];
    expect(material.trustPolicy).toEqual(
      resolveRefs(role?.Properties['AssumeRolePolicyDocument'], valuesOf(material.memberRole)),
    );
    expect(material.trustPolicy).toEqual(trustPolicyFor(HUB, EXTERNAL_ID));
  });

  it('should give the organization StackSet template, parsing as CloudFormation (its inlined member role too), with the root as target', () => {
    const material = onboard('organization', organization, { rootId: 'r-ab12' });
    const stackSet = material.organizationStackSet;
    expect(stackSet).not.toBeNull();
    if (stackSet === null) return;
    const template = parseTemplate(stackSet.templateBody);
    expect(template.Parameters['ExternalId']).toMatchObject({ Type: 'String' });
    expectParametersFit(template, stackSet);
    expect(stackSet.missingParameters).toEqual([]);
    expect(valuesOf(stackSet)).toEqual({
      HubPrincipalArn: HUB,
      ExternalId: EXTERNAL_ID,
      OrganizationalUnitIds: 'r-ab12',
      CallAs: 'SELF',
      RoleName: 'PalisadeScanRole',
      DiscoveryRoleName: 'PalisadeDiscoveryRole',
    });
    const inlined = template.Resources['ScanRoleStackSet']?.Properties['TemplateBody'];
    expect(typeof inlined).toBe('string');
    expect(parseTemplate(inlined as string).Parameters['ExternalId']).toBeDefined();
    const discovery = template.Resources['DiscoveryRole']?.Properties['AssumeRolePolicyDocument'];
    expect(resolveRefs(discovery, valuesOf(stackSet))).toEqual(material.trustPolicy);
  });

  it('should give a source without a management role (made by the CLI) the template’s discovery role and say no role is assumed', () => {
    const material = onboard(
      'organization',
      organizationSourceConfigSchema.parse({ memberRoleName: 'PalisadeScanRole' }),
      { rootId: 'r-ab12' },
    );
    const stackSet = material.organizationStackSet;
    expect(stackSet).not.toBeNull();
    if (stackSet === null) return;
    const template = parseTemplate(stackSet.templateBody);
    expectParametersFit(template, stackSet);
    expect(stackSet.missingParameters).toEqual([]);
    expect(stackSet.discoveryRoleName).toBe(template.Parameters['DiscoveryRoleName']?.Default);
    expect(valuesOf(stackSet)['DiscoveryRoleName']).toBe(stackSet.discoveryRoleName);
    const notes = material.notes.join('\n');
    expect(notes).toContain(
      'in the account of the credentials the palisade CLI walks the organization with',
    );
    expect(notes).not.toContain('managementRoleArn');
  });

  it('should target the included OUs, and report the OUs missing when neither they nor the root are known', () => {
    const scoped = organizationSourceConfigSchema.parse({
      ...organization,
      scope: { includeOus: ['ou-ab12-11111111', 'ou-ab12-22222222'] },
    });
    expect(
      valuesOf(onboard('organization', scoped).organizationStackSet ?? { parameters: [] }),
    ).toMatchObject({
      OrganizationalUnitIds: 'ou-ab12-11111111,ou-ab12-22222222',
    });
    const unknownRoot = onboard('organization', organization).organizationStackSet;
    expect(unknownRoot?.missingParameters).toEqual(['OrganizationalUnitIds']);
  });

  it('should prefer the source’s hub role, and report the hub missing (no trust policy) when nobody names one', () => {
    const viaHub = accountsSourceConfigSchema.parse({
      ...accounts,
      hubRoleArn: 'arn:aws:iam::555566667777:role/TenantHub',
    });
    const material = onboard('accounts', viaHub);
    expect(material.hubPrincipalArn).toBe('arn:aws:iam::555566667777:role/TenantHub');
    expect(material.trustPolicy?.Statement[0]?.Principal.AWS).toBe(
      'arn:aws:iam::555566667777:role/TenantHub',
    );

    const without = onboard('organization', organization, { hub: undefined, rootId: 'r-ab12' });
    expect(without.hubPrincipalArn).toBeNull();
    expect(without.trustPolicy).toBeNull();
    expect(without.memberRole.missingParameters).toEqual(['HubPrincipalArn']);
    expect(without.organizationStackSet?.missingParameters).toEqual(['HubPrincipalArn']);
    expect(without.notes[0]).toContain('HUB_PRINCIPAL_ARN');
  });
});
