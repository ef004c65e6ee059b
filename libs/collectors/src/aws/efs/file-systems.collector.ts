// Every EFS file system of the region.
import {
  EFSClient,
  type FileSystemDescription,
  paginateDescribeFileSystems,
} from '@aws-sdk/client-efs';
import { type EfsFileSystem } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function toFileSystem(fs: FileSystemDescription, fallbackArn: string): EfsFileSystem {
  const out: EfsFileSystem = {
    fileSystemId: fs.FileSystemId ?? '',
    arn: fs.FileSystemArn ?? fallbackArn,
    encrypted: fs.Encrypted === true,
    lifeCycleState: fs.LifeCycleState ?? '',
  };
  if (fs.Name !== undefined && fs.Name !== '') out.name = fs.Name;
  if (fs.KmsKeyId !== undefined) out.kmsKeyId = fs.KmsKeyId;
  return out;
}

export const fileSystemsCollector = defineCollector({
  key: 'efs.fileSystems',
  scope: 'regional',
  operations: ['elasticfilesystem:DescribeFileSystems'],
  async collect(ctx) {
    const efs = ctx.client(EFSClient, 'efs');
    const fileSystems: EfsFileSystem[] = [];
    for await (const page of paginateDescribeFileSystems({ client: efs }, {})) {
      for (const fs of page.FileSystems ?? []) {
        const id = fs.FileSystemId ?? '';
        fileSystems.push(
          toFileSystem(
            fs,
            `arn:${ctx.partition}:elasticfilesystem:${ctx.region}:${ctx.accountId}:file-system/${id}`,
          ),
        );
      }
    }
    return fileSystems;
  },
});
