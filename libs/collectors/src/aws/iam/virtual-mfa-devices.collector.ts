// iam.virtualMfaDevices: the virtual MFA devices assigned to a user (or to the root user).
import { IAMClient, paginateListVirtualMFADevices } from '@aws-sdk/client-iam';
import { type IamVirtualMfaDevice } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { isoOf } from './iam-shared';

export const iamVirtualMfaDevicesCollector = defineCollector({
  key: 'iam.virtualMfaDevices',
  scope: 'global',
  operations: ['iam:ListVirtualMFADevices'],
  async collect(ctx) {
    const client = ctx.client(IAMClient, 'iam');
    const devices: IamVirtualMfaDevice[] = [];
    const pages = paginateListVirtualMFADevices({ client }, { AssignmentStatus: 'Assigned' });
    for await (const page of pages) {
      for (const d of page.VirtualMFADevices ?? []) {
        if (d.SerialNumber === undefined) continue;
        devices.push({
          serialNumber: d.SerialNumber,
          userArn: d.User?.Arn ?? null,
          userName: d.User?.UserName ?? null,
          enableDate: isoOf(d.EnableDate),
        });
      }
    }
    return devices;
  },
});
