import { generatedOrganizationSpec } from './example-organizations';
import { placeSpec } from './organization-spec';

describe('placeSpec', () => {
  it('should place OUs breadth-first with their paths and accounts at their OU path', () => {
    const placed = placeSpec({
      accounts: [{ name: 'top' }],
      units: [
        { name: 'A', units: [{ name: 'A1', accounts: [{ name: 'deep' }] }] },
        { name: 'B', accounts: [{ name: 'b' }] },
      ],
    });
    expect(placed.ous.map((o) => [o.path, o.depth])).toEqual([
      ['Root/A', 1],
      ['Root/B', 1],
      ['Root/A/A1', 2],
    ]);
    expect(placed.accounts.map((a) => [a.spec.name, a.ouPath])).toEqual([
      ['top', 'Root'],
      ['b', 'Root/B'],
      ['deep', 'Root/A/A1'],
    ]);
  });

  it('should list every problem of an invalid spec at once', () => {
    expect(() =>
      placeSpec({
        accounts: [{ name: 'x', moveTo: 'Root/Nowhere' }, { name: 'x' }],
        units: [{ name: 'a/b' }, { name: 'C' }, { name: 'C' }],
        policies: [
          { name: 'p', type: 'SERVICE_CONTROL_POLICY', content: '{}', targets: ['ghost'] },
        ],
        delegatedAdministrators: [{ account: 'nobody', servicePrincipals: [] }],
      }),
    ).toThrow(
      'invalid organization spec: OU name "a/b" contains "/"; two OUs at Root/C; ' +
        'account "x" moves to unknown OU path Root/Nowhere; two accounts named "x"; policy "p" targets unknown ghost; ' +
        'delegated administrator "nobody" is no account',
    );
  });
});

describe('generatedOrganizationSpec', () => {
  it('should spread the requested number of accounts over a three-level tree', () => {
    const placed = placeSpec(generatedOrganizationSpec({ accounts: 100, suspendEvery: 10 }));
    expect(placed.accounts).toHaveLength(100);
    expect(placed.ous).toHaveLength(4 + 12 + 24);
    expect(Math.max(...placed.ous.map((o) => o.depth))).toBe(3);
    expect(placed.accounts.filter((a) => a.spec.suspended)).toHaveLength(10);
  });

  it('should put the accounts at the root when there are no OUs', () => {
    const placed = placeSpec(generatedOrganizationSpec({ accounts: 3, fanOut: [] }));
    expect(placed.accounts.map((a) => a.ouPath)).toEqual(['Root', 'Root', 'Root']);
  });
});
