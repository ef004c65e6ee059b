// What the EC2 collectors share: resource ARNs in the account's partition and tag maps.
import { type CollectorContext } from '../../framework/collector';

/** `arn:<partition>:ec2:<region>:<account>:<type>/<id>` for a resource of this account. */
export function ec2Arn(
  ctx: Pick<CollectorContext, 'partition' | 'region' | 'accountId'>,
  type: string,
  id: string,
): string {
  return `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${type}/${id}`;
}

/** EC2's `[{Key, Value}]` tag list as a map (tags without a key are dropped). */
export function tagsOf(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}

/** The defined strings of a list of optional values. */
export function defined(values: readonly (string | undefined)[]): string[] {
  return values.filter((v): v is string => v !== undefined);
}
