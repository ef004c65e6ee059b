import { thrown } from '../testing/thrown';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { groupByTenant } from './tenant-groups';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

describe('groupByTenant', () => {
  it('should group by tenant in order of first appearance, keeping item order', () => {
    const batch = [
      { tenant: B, n: 1 },
      { tenant: A, n: 2 },
      { tenant: B, n: 3 },
      { tenant: A.toUpperCase(), n: 4 },
    ];
    expect(groupByTenant(batch, (m) => m.tenant)).toEqual([
      { tenantId: B, items: [batch[0], batch[2]] },
      { tenantId: A, items: [batch[1], batch[3]] },
    ]);
  });

  it('should return no groups for an empty batch', () => {
    expect(groupByTenant([], () => A)).toEqual([]);
  });

  it('should reject the whole batch when one item has an invalid tenant id', () => {
    expect(thrown(() => groupByTenant([A, 'nope'], (t) => t))).toMatchObject({
      code: PersistenceErrorCode.INVALID_TENANT_ID,
    });
  });
});
