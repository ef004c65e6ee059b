import { z } from 'zod';
import {
  EXTERNAL_ID_REFUSED,
  externalIdPaths,
  guardedSourceBody,
  NUL_REFUSED,
  nulCharacterPaths,
} from './body-guards';

describe('externalIdPaths', () => {
  it('should find every spelling of an ExternalId key, at any depth, in document order', () => {
    expect(
      externalIdPaths({
        externalId: 'a',
        config: {
          ExternalId: 'b',
          accounts: [{ accountId: '111122223333' }, { accountId: '2', external_id: 'c' }],
          'external-id': 'd',
        },
      }),
    ).toEqual([
      ['externalId'],
      ['config', 'ExternalId'],
      ['config', 'accounts', 1, 'external_id'],
      ['config', 'external-id'],
    ]);
  });

  it('should find nothing in a body without one, nor in a value that merely contains the word', () => {
    expect(externalIdPaths({ name: 'externalId', config: { notes: ['externalId'] } })).toEqual([]);
    expect(externalIdPaths(null)).toEqual([]);
  });
});

describe('guardedSourceBody', () => {
  const schema = guardedSourceBody(z.strictObject({ name: z.string() }));

  it('should report only the ExternalId fields, with why, not the strict object’s unknown key', () => {
    const result = schema.safeParse({ name: 'x', externalId: 'mine' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['externalId'], EXTERNAL_ID_REFUSED],
    ]);
  });

  it('should refuse a NUL character in any string, naming where', () => {
    const result = schema.safeParse({ name: 'a\u0000b' });
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([[['name'], NUL_REFUSED]]);
    expect(nulCharacterPaths({ a: ['ok', { b: '\u0000' }] })).toEqual([['a', 1, 'b']]);
  });

  it('should validate a body without an ExternalId with the wrapped schema', () => {
    expect(schema.safeParse({ name: 'x' }).data).toEqual({ name: 'x' });
    expect(schema.safeParse({ name: 1 }).error?.issues[0]?.path).toEqual(['name']);
  });
});
