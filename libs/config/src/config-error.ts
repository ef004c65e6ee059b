/** One bad environment variable: its name and what is wrong with it (never its value). */
export interface ConfigIssue {
  readonly variable: string;
  readonly problem: string;
}

/**
 * Thrown by `loadConfig` when the environment does not satisfy a schema. The message lists
 * every bad variable at once, so an operator fixes the deployment in one round trip.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
  }
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const list = issues.map((issue) => `${issue.variable}: ${issue.problem}`).join('; ');
  return `Invalid configuration (${count}): ${list}`;
}
