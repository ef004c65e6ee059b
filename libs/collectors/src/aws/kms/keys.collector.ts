// kms.keys: every KMS key of the region (customer and AWS managed) with its metadata, its
// `default` key policy and — for customer-managed symmetric encryption keys not pending
// deletion — whether automatic rotation is on.
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  type KeyMetadata,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import { type KmsKey } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';

const UNKNOWN = 'UNKNOWN';

/** Key states in which rotation no longer matters (the key is being deleted). */
const DELETING = ['PendingDeletion', 'PendingReplicaDeletion'];

/** Keys whose automatic rotation CIS 4.6 asks about: customer-managed symmetric encryption keys. */
function rotationApplies(m: KeyMetadata): boolean {
  return (
    m.KeyManager === 'CUSTOMER' &&
    (m.KeySpec ?? m.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT' &&
    m.KeyUsage === 'ENCRYPT_DECRYPT' &&
    !DELETING.includes(m.KeyState ?? '')
  );
}

async function describeKey(
  ctx: CollectorContext,
  client: KMSClient,
  keyId: string,
  listedArn: string | undefined,
): Promise<KmsKey> {
  const policy = await ctx.attempt(async () => {
    const out = await client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
    return out.Policy ?? '';
  });
  const described = await ctx.attempt(async (): Promise<KeyMetadata> => {
    const out = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    return out.KeyMetadata ?? { KeyId: keyId };
  });
  const arn =
    listedArn ??
    (described.ok ? described.data.Arn : undefined) ??
    `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${keyId}`;
  if (!described.ok) {
    return {
      keyId,
      arn,
      keyManager: UNKNOWN,
      keyState: UNKNOWN,
      keySpec: UNKNOWN,
      keyUsage: UNKNOWN,
      origin: UNKNOWN,
      rotationEnabled: described,
      policy,
      describeError: { code: described.code, message: described.message },
    };
  }
  const m = described.data;
  const rotationEnabled = rotationApplies(m)
    ? await ctx.attempt(async () => {
        const out = await client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
        return out.KeyRotationEnabled ?? false;
      })
    : null;
  return {
    keyId,
    arn,
    keyManager: m.KeyManager ?? UNKNOWN,
    keyState: m.KeyState ?? UNKNOWN,
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? UNKNOWN,
    keyUsage: m.KeyUsage ?? UNKNOWN,
    origin: m.Origin ?? UNKNOWN,
    rotationEnabled,
    policy,
  };
}

export const kmsKeysCollector = defineCollector({
  key: 'kms.keys',
  scope: 'regional',
  operations: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:GetKeyPolicy'],
  async collect(ctx) {
    const client = ctx.client(KMSClient, 'kms');
    const listed: { keyId: string; arn: string | undefined }[] = [];
    for await (const page of paginateListKeys({ client }, {})) {
      for (const k of page.Keys ?? []) {
        if (k.KeyId !== undefined) listed.push({ keyId: k.KeyId, arn: k.KeyArn });
      }
    }
    return ctx.mapBounded(listed, (k) => describeKey(ctx, client, k.keyId, k.arn));
  },
});
