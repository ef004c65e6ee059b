// The Organizations client the walk needs (an SDK `OrganizationsClient` from the client
// factory, whose retries absorb throttling) and a wrapper that counts every call it makes.
import { type OrganizationsClient } from '@aws-sdk/client-organizations';

export type OrganizationsApi = Pick<OrganizationsClient, 'send'>;

/** Calls made through a counting client, per operation (`ListAccountsForParent`, ...). */
export class CallCounter {
  calls = 0;
  readonly byOperation: Record<string, number> = {};

  add(operation: string): void {
    this.calls += 1;
    this.byOperation[operation] = (this.byOperation[operation] ?? 0) + 1;
  }
}

/** `ListRootsCommand` → `ListRoots`. */
export function operationOf(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** The same client, counting each `send` (one per logical call; SDK retries are not counted). */
export function countingApi(api: OrganizationsApi, counter: CallCounter): OrganizationsApi {
  const send = (command: object) => {
    counter.add(operationOf(command));
    return api.send(command as never);
  };
  return { send: send as OrganizationsApi['send'] };
}
