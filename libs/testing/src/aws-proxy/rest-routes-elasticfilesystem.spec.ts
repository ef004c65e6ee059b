import { restOperation } from './rest-routes';

describe('REST routes of EFS (elasticfilesystem)', () => {
  it.each([
    ['GET', '/2015-02-01/file-systems', 'DescribeFileSystems'],
    ['POST', '/2015-02-01/file-systems', 'CreateFileSystem'],
    ['PUT', '/2015-02-01/file-systems/fs-0123456789abcdef0', 'UpdateFileSystem'],
    ['DELETE', '/2015-02-01/file-systems/fs-0123456789abcdef0', 'DeleteFileSystem'],
    ['GET', '/2015-02-01/file-systems/fs-0123456789abcdef0/policy', 'DescribeFileSystemPolicy'],
    ['GET', '/2015-02-01/file-systems/fs-0123456789abcdef0/backup-policy', 'DescribeBackupPolicy'],
    ['GET', '/2015-02-01/mount-targets', 'DescribeMountTargets'],
    ['GET', '/2015-02-01/access-points', 'DescribeAccessPoints'],
    ['GET', '/2015-02-01/resource-tags/fs-0123456789abcdef0', 'ListTagsForResource'],
  ])('names %s %s as %s', (method, path, operation) => {
    expect(restOperation('elasticfilesystem', method, path, new URLSearchParams())).toBe(operation);
  });

  it('falls back to "METHOD /path" for an EFS route not in the table', () => {
    expect(
      restOperation(
        'elasticfilesystem',
        'GET',
        '/2015-02-01/replication-configurations',
        new URLSearchParams(),
      ),
    ).toBe('GET /2015-02-01/replication-configurations');
  });
});
