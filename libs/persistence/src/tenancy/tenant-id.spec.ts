import { thrown } from '../testing/thrown';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { isTenantId, parseTenantId } from './tenant-id';

describe('parseTenantId', () => {
  it('should accept a UUID and return it in lower case', () => {
    expect(parseTenantId('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    );
  });

  it.each([
    ['an empty string', ''],
    ['a slug', 'acme'],
    ['a UUID with trailing text', '3f2504e0-4f89-41d3-9a0c-0305e82c3301; drop table tenants'],
    ['a UUID without dashes', '3f2504e04f8941d39a0c0305e82c3301'],
    ['undefined', undefined],
    ['a number', 42],
  ])('should reject %s with INVALID_TENANT_ID', (_label, value) => {
    expect(thrown(() => parseTenantId(value))).toMatchObject({
      code: PersistenceErrorCode.INVALID_TENANT_ID,
    });
  });

  it('should not echo an unbounded input in the error message', () => {
    const long = 'x'.repeat(10_000);
    expect((thrown(() => parseTenantId(long)) as Error).message.length).toBeLessThan(120);
  });
});

describe('isTenantId', () => {
  it('should narrow only UUID strings', () => {
    expect(isTenantId('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(true);
    expect(isTenantId('tenant-a')).toBe(false);
    expect(isTenantId(null)).toBe(false);
  });
});
