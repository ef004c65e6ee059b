// Which instances the instance checks judge: every state but shutting-down and terminated
// (those are on their way out and can no longer be changed).
import { type Ec2Instance } from '../../collected/ec2';

const JUDGED_STATES = new Set(['pending', 'running', 'stopping', 'stopped']);

export function judgedInstances(instances: readonly Ec2Instance[]): Ec2Instance[] {
  return instances.filter((i) => JUDGED_STATES.has(i.state));
}

/** "i-0123 (web)": an instance in a message, with its Name tag when it has one. */
export function instanceLabel(instance: Ec2Instance): string {
  const name = instance.tags.Name;
  return name === undefined || name === ''
    ? instance.instanceId
    : `${instance.instanceId} (${name})`;
}
