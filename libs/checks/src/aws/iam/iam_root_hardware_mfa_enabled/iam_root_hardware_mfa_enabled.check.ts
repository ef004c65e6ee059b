import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { rootArn } from '../iam-shared';
import { metadata } from './iam_root_hardware_mfa_enabled.metadata';

export const iamRootHardwareMfaEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const summary = collected.global('iam.accountSummary');
  const devices = collected.global('iam.virtualMfaDevices');
  if (!summary.ok || !devices.ok) return [];
  const root = rootArn(ctx);
  const rootSerial = `arn:${ctx.partition}:iam::${ctx.accountId}:mfa/root-account-mfa-device`;
  if (!summary.data.accountMfaEnabled) {
    return [
      results.fail(root, `The root user of account ${ctx.accountId} has no MFA device at all`, {
        AccountMFAEnabled: 0,
      }),
    ];
  }
  const virtual = devices.data.filter((d) => d.userArn === root || d.serialNumber === rootSerial);
  if (virtual.length > 0) {
    return [
      results.fail(
        root,
        `The root user of account ${ctx.accountId} uses a virtual MFA device (${virtual.map((d) => d.serialNumber).join(', ')}), not a hardware one`,
        {
          virtualMfaDevices: virtual.map((d) => ({
            serialNumber: d.serialNumber,
            enableDate: d.enableDate,
          })),
        },
      ),
    ];
  }
  return [
    results.pass(
      root,
      `The root user of account ${ctx.accountId} has MFA and no virtual MFA device: its MFA is hardware`,
      { AccountMFAEnabled: 1, virtualMfaDevicesOfRoot: 0 },
    ),
  ];
});
