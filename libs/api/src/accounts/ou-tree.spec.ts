import { buildOuTree, ouAncestry, type OuRow } from './ou-tree';

const units: OuRow[] = [
  { ouId: 'r-ab12', name: 'Root', parentId: null, path: '/Root' },
  { ouId: 'ou-ab12-22222222', name: 'Workloads', parentId: 'r-ab12', path: '/Root/Workloads' },
  { ouId: 'ou-ab12-11111111', name: 'Sandbox', parentId: 'r-ab12', path: '/Root/Sandbox' },
  {
    ouId: 'ou-ab12-33333333',
    name: 'Prod',
    parentId: 'ou-ab12-22222222',
    path: '/Root/Workloads/Prod',
  },
];

describe('buildOuTree', () => {
  it('should nest the OUs under the root, children by name, with direct and total account counts', () => {
    const tree = buildOuTree(
      units,
      new Map([
        ['r-ab12', 1],
        ['ou-ab12-22222222', 2],
        ['ou-ab12-33333333', 4],
      ]),
    );
    expect(tree).toEqual([
      {
        id: 'r-ab12',
        name: 'Root',
        path: '/Root',
        accountCount: 1,
        totalAccountCount: 7,
        children: [
          {
            id: 'ou-ab12-11111111',
            name: 'Sandbox',
            path: '/Root/Sandbox',
            accountCount: 0,
            totalAccountCount: 0,
            children: [],
          },
          {
            id: 'ou-ab12-22222222',
            name: 'Workloads',
            path: '/Root/Workloads',
            accountCount: 2,
            totalAccountCount: 6,
            children: [
              {
                id: 'ou-ab12-33333333',
                name: 'Prod',
                path: '/Root/Workloads/Prod',
                accountCount: 4,
                totalAccountCount: 4,
                children: [],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('should keep an OU whose parent is gone as a root of its own, and survive a cycle', () => {
    const orphan: OuRow = {
      ouId: 'ou-ab12-44444444',
      name: 'Lost',
      parentId: 'ou-gone',
      path: '/x',
    };
    const a: OuRow = {
      ouId: 'ou-ab12-55555555',
      name: 'A',
      parentId: 'ou-ab12-66666666',
      path: '/a',
    };
    const b: OuRow = {
      ouId: 'ou-ab12-66666666',
      name: 'B',
      parentId: 'ou-ab12-55555555',
      path: '/b',
    };
    expect(buildOuTree([...units, orphan], new Map()).map((node) => node.id)).toEqual([
      'ou-ab12-44444444',
      'r-ab12',
    ]);
    expect(buildOuTree([a, b], new Map())).toEqual([]);
  });
});

describe('ouAncestry', () => {
  const byId = new Map(units.map((unit) => [unit.ouId, unit]));

  it('should list the OUs from the root down to the account’s parent', () => {
    expect(ouAncestry('ou-ab12-33333333', byId)).toEqual([
      { id: 'r-ab12', name: 'Root' },
      { id: 'ou-ab12-22222222', name: 'Workloads' },
      { id: 'ou-ab12-33333333', name: 'Prod' },
    ]);
  });

  it('should be empty without an OU (accounts sources) and stop at an unknown parent', () => {
    expect(ouAncestry(null, byId)).toEqual([]);
    expect(ouAncestry('ou-unknown', byId)).toEqual([]);
  });
});
