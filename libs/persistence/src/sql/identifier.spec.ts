import { thrown } from '../testing/thrown';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { quoteIdentifier } from './identifier';

describe('quoteIdentifier', () => {
  it('should quote a plain and a schema-qualified identifier', () => {
    expect(quoteIdentifier('tenants')).toBe('"tenants"');
    expect(quoteIdentifier('public.scan_jobs')).toBe('"public"."scan_jobs"');
  });

  it.each(['Tenants', 'tenants; drop table x', 'a.b.c', '', '"tenants"', '1tenants'])(
    'should reject %j with INVALID_IDENTIFIER',
    (name) => {
      expect(thrown(() => quoteIdentifier(name))).toMatchObject({
        code: PersistenceErrorCode.INVALID_IDENTIFIER,
      });
    },
  );
});
