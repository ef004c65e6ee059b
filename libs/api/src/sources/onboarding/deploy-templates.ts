import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The CloudFormation templates of `deploy/aws` that onboarding material is built from. */
export const DEPLOY_TEMPLATE_FILES = {
  memberRole: 'deploy/aws/member-role.yaml',
  orgStackSet: 'deploy/aws/org-stackset.yaml',
} as const;

/** The text of each template, read once at boot. */
export interface DeployTemplates {
  readonly memberRole: string;
  readonly orgStackSet: string;
}

/** Injection token of the loaded {@link DeployTemplates}. */
export const DEPLOY_TEMPLATES = Symbol('DEPLOY_TEMPLATES');

/**
 * The directory holding `deploy/aws`: the nearest ancestor of one of `starts` that has it. From
 * the sources (`libs/api/src/sources/onboarding`), the build (`dist/libs/api/...`) and the
 * working directory of a clone or an image that ships `deploy/`, the repository root is found.
 */
export function findDeployRoot(starts: readonly string[]): string {
  for (const start of starts) {
    let directory = resolve(start);
    for (;;) {
      if (existsSync(join(directory, DEPLOY_TEMPLATE_FILES.memberRole))) return directory;
      const parent = dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
  }
  throw new Error(
    `the onboarding templates (${DEPLOY_TEMPLATE_FILES.memberRole}) are not in any ancestor of ` +
      `${starts.join(', ')}: run the api from a Palisade checkout or ship deploy/aws beside it`,
  );
}

export function loadDeployTemplates(root: string): DeployTemplates {
  return {
    memberRole: readFileSync(join(root, DEPLOY_TEMPLATE_FILES.memberRole), 'utf8'),
    orgStackSet: readFileSync(join(root, DEPLOY_TEMPLATE_FILES.orgStackSet), 'utf8'),
  };
}
