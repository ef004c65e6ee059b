// The registry meta-test: every check is where its id says, with valid metadata, a spec that
// exercises its outcomes, and a framework requirement; every requirement has a check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMetadataSchema } from './framework/metadata';
import { ALL_CHECKS, FRAMEWORKS } from './registry';

const AWS_DIR = join(__dirname, 'aws');

const camel = (id: string) => id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe('the check registry', () => {
  const ids = ALL_CHECKS.map((c) => c.metadata.id);

  it('should hold checks with unique ids', () => {
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ALL_CHECKS.map((c) => [c.metadata.id, c] as const))(
    '%s: lives in aws/<service>/<id>/ with metadata, check and spec named by its id',
    (id, check) => {
      const { service } = check.metadata;
      expect(id.startsWith(`${service}_`)).toBe(true);
      const dir = join(AWS_DIR, service, id);
      for (const file of [`${id}.metadata.ts`, `${id}.check.ts`, `${id}.check.spec.ts`]) {
        expect(existsSync(join(dir, file)) ? file : `missing ${file}`).toBe(file);
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file named by the id
      const exported = (require(join(dir, `${id}.check`)) as Record<string, unknown>)[camel(id)];
      expect(exported).toBe(check);
      const { requires, ...described } = check.metadata;
      expect(checkMetadataSchema.safeParse(described).success).toBe(true);
      expect(requires.length).toBeGreaterThan(0);
    },
  );

  it.each(ALL_CHECKS.map((c) => [c.metadata.id, c] as const))(
    '%s: its spec exercises the outcomes its assessment can give, and a failed collector',
    (id, check) => {
      const spec = readFileSync(
        join(AWS_DIR, check.metadata.service, id, `${id}.check.spec.ts`),
        'utf8',
      );
      const wanted =
        check.metadata.assessment === 'automated' ? ['PASS', 'FAIL', 'ERROR'] : ['MANUAL', 'ERROR'];
      for (const status of wanted) {
        expect(spec.includes(`'${status}'`) ? status : `no '${status}' case`).toBe(status);
      }
    },
  );

  it('should register every check folder (no check is left out of its service index)', () => {
    const folders = readdirSync(AWS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((service) =>
        readdirSync(join(AWS_DIR, service.name), { withFileTypes: true })
          // `test/` holds spec support (never built), not a check.
          .filter((d) => d.isDirectory() && d.name !== 'test')
          .map((d) => d.name),
      );
    expect(folders.filter((f) => !ids.includes(f))).toEqual([]);
  });

  it('should map every check to requirements that exist in a supported framework', () => {
    const unknown: string[] = [];
    for (const check of ALL_CHECKS) {
      const refs = Object.entries(check.metadata.compliance);
      if (refs.length === 0) unknown.push(`${check.metadata.id}: no framework`);
      for (const [frameworkId, requirementIds] of refs) {
        const framework = FRAMEWORKS.find((f) => f.id === frameworkId);
        for (const req of requirementIds) {
          if (!framework?.requirements.some((r) => r.id === req)) {
            unknown.push(`${check.metadata.id}: ${frameworkId} ${req}`);
          }
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it.each(FRAMEWORKS.map((f) => [f.id, f] as const))(
    '%s: every requirement is implemented by at least one check',
    (frameworkId, framework) => {
      const uncovered = framework.requirements
        .filter((r) => !ALL_CHECKS.some((c) => c.metadata.compliance[frameworkId]?.includes(r.id)))
        .map((r) => `${r.id} ${r.title}`);
      expect(uncovered).toEqual([]);
    },
  );
});
