// Every collected key a check reads has exactly one collector of the right scope, and every
// AWS operation a collector may call has its IAM actions in the table the policy is built from.
import { ALL_CHECKS, isGlobalKey } from '@palisade/checks';
import { ALL_COLLECTORS, OPERATION_ACTIONS } from './catalogue';

describe('the collector catalogue', () => {
  it('should have one collector per key', () => {
    const keys = ALL_COLLECTORS.map((c) => c.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('should collect global keys once per account and regional keys per region', () => {
    const wrong = ALL_COLLECTORS.filter((c) => (c.scope === 'global') !== isGlobalKey(c.key)).map(
      (c) => `${c.key} (${c.scope})`,
    );
    expect(wrong).toEqual([]);
  });

  it('should provide every key a registered check requires', () => {
    const provided = new Set(ALL_COLLECTORS.map((c) => c.key));
    const missing = ALL_CHECKS.flatMap((check) =>
      check.metadata.requires
        .filter((key) => !provided.has(key))
        .map((key) => `${check.metadata.id} requires ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('should state the IAM actions of every operation a collector calls', () => {
    const unmapped = ALL_COLLECTORS.flatMap((c) =>
      c.operations
        .filter((op) => OPERATION_ACTIONS[op] === undefined)
        .map((op) => `${c.key}: ${op}`),
    );
    expect(unmapped).toEqual([]);
    for (const [operation, actions] of Object.entries(OPERATION_ACTIONS)) {
      expect(operation).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
      for (const action of actions ?? []) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*]+$/);
    }
  });
});
