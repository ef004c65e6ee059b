import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPLOY_TEMPLATE_FILES, findDeployRoot, loadDeployTemplates } from './deploy-templates';

describe('findDeployRoot', () => {
  let elsewhere: string;
  beforeAll(() => {
    elsewhere = mkdtempSync(join(tmpdir(), 'palisade-no-deploy-'));
  });
  afterAll(() => {
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('should find the repository root from a folder deep inside it (sources, or dist/ after a build)', () => {
    const root = findDeployRoot([elsewhere, join(__dirname, 'not', 'yet', 'built')]);
    expect(join(root, DEPLOY_TEMPLATE_FILES.memberRole)).toBe(
      join(__dirname, '..', '..', '..', '..', '..', 'deploy', 'aws', 'member-role.yaml'),
    );
    const templates = loadDeployTemplates(root);
    expect(templates.memberRole).toContain('AWSTemplateFormatVersion');
    expect(templates.orgStackSet).toContain('AWS::CloudFormation::StackSet');
  });

  it('should fail, naming the file and where it looked, when no ancestor has deploy/aws', () => {
    expect(() => findDeployRoot([elsewhere])).toThrow(
      `the onboarding templates (deploy/aws/member-role.yaml) are not in any ancestor of ${elsewhere}`,
    );
  });
});
