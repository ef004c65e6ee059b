import { childOuPath, ouPathNames, ouPathOf } from './ou-path';
import { comparePaths } from './ou-tree-walk';

describe('OU paths', () => {
  it('should join names from the root down with slashes', () => {
    expect(ouPathOf(['Root', 'Workloads', 'Prod'])).toBe('Root/Workloads/Prod');
  });

  it('should extend a parent path by the child name', () => {
    expect(childOuPath('Root/Workloads', 'Prod')).toBe('Root/Workloads/Prod');
    expect(childOuPath('', 'Root')).toBe('Root');
  });

  it('should escape a slash inside a name so the path still splits into the same names', () => {
    const path = ouPathOf(['Root', 'R&D / Labs', '100%']);
    expect(path).toBe('Root/R&D %2F Labs/100%25');
    expect(ouPathNames(path)).toEqual(['Root', 'R&D / Labs', '100%']);
  });

  it('should keep a literal "%2F" in a name distinct from an escaped slash', () => {
    const path = ouPathOf(['Root', 'a%2Fb']);
    expect(ouPathNames(path)).toEqual(['Root', 'a%2Fb']);
    expect(path).not.toBe(ouPathOf(['Root', 'a/b']));
  });

  it('should order parents before their children and siblings by name', () => {
    const paths = ['Root/B', 'Root/A/Z', 'Root', 'Root/A', 'Root/A-b'];
    expect([...paths].sort(comparePaths)).toEqual([
      'Root',
      'Root/A',
      'Root/A/Z',
      'Root/A-b',
      'Root/B',
    ]);
  });
});
