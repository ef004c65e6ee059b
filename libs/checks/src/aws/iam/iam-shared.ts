// What the IAM checks share: the root user's ARN, credential ages against the evaluation time,
// and who a managed policy is attached to.
import { type IamAuthorizationDetails } from '../../collected/iam';
import { type CheckContext } from '../../framework/context';

const DAY_MS = 86_400_000;

/** `arn:<partition>:iam::<account>:root`: the account's root user. */
export function rootArn(ctx: Pick<CheckContext, 'partition' | 'accountId'>): string {
  return `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
}

/** The ARN of an AWS managed policy in the account's partition. */
export function awsManagedPolicyArn(ctx: Pick<CheckContext, 'partition'>, name: string): string {
  return `arn:${ctx.partition}:iam::aws:policy/${name}`;
}

/** Whole days from an ISO date to `now`. */
export function daysBefore(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}

/** Whether an ISO date lies more than `days` days before `now`. */
export function moreThanDaysBefore(iso: string, days: number, now: Date): boolean {
  return now.getTime() - Date.parse(iso) > days * DAY_MS;
}

/** Just the date of an ISO timestamp, for messages. */
export function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

export interface Attachments {
  users: string[];
  groups: string[];
  roles: string[];
}

/** The users, groups and roles (names) a managed policy is attached to. */
export function attachmentsOf(details: IamAuthorizationDetails, policyArn: string): Attachments {
  const has = (e: { attachedPolicies: { arn: string }[] }) =>
    e.attachedPolicies.some((p) => p.arn === policyArn);
  return {
    users: details.users.filter(has).map((u) => u.name),
    groups: details.groups.filter(has).map((g) => g.name),
    roles: details.roles.filter(has).map((r) => r.name),
  };
}

/** "users a, b; roles c" for a message (empty kinds left out). */
export function describeAttachments(a: Attachments): string {
  return (['users', 'groups', 'roles'] as const)
    .filter((kind) => a[kind].length > 0)
    .map((kind) => `${kind} ${a[kind].join(', ')}`)
    .join('; ');
}
