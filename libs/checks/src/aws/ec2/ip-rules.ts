// Which security group rules and network ACL entries open ports to the whole internet. Shared
// by the ec2 checks of the remote administration ports (6.2-6.4) and CIFS (6.1.2).
import { type NetworkAclEntry, type SecurityGroup } from '../../collected/ec2';

export const IPV4_ANYWHERE = '0.0.0.0/0';
export const IPV6_ANYWHERE = '::/0';

/** An internet source: IPv4 (`0.0.0.0/0`) or IPv6 (`::/0`). */
export type InternetSource = typeof IPV4_ANYWHERE | typeof IPV6_ANYWHERE;

/** A rule that admits TCP traffic from the internet to some of the ports asked about. */
export interface OpenRule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  source: InternetSource;
  /** The ports asked about that the rule opens. */
  ports: number[];
}

/**
 * Whether a rule's protocol and port range admit TCP to a port: all protocols (`-1`), or TCP
 * (`tcp` / `6`) with no port range or a range covering the port.
 */
function admitsTcp(protocol: string, port: number, range?: { from: number; to: number }): boolean {
  const p = protocol.toLowerCase();
  if (p === '-1') return true;
  if (p !== 'tcp' && p !== '6') return false;
  return range === undefined || (range.from <= port && port <= range.to);
}

/** The ingress rules of a group that open any of `ports` over TCP from the given sources. */
export function openIngress(
  group: SecurityGroup,
  ports: readonly number[],
  sources: readonly InternetSource[],
): OpenRule[] {
  const open: OpenRule[] = [];
  for (const rule of group.ingress) {
    const range =
      rule.fromPort === undefined || rule.toPort === undefined
        ? undefined
        : { from: rule.fromPort, to: rule.toPort };
    const opened = ports.filter((port) => admitsTcp(rule.ipProtocol, port, range));
    if (opened.length === 0) continue;
    const cidrs = [...rule.ipv4Ranges, ...rule.ipv6Ranges];
    for (const source of sources) {
      if (!cidrs.includes(source)) continue;
      const found: OpenRule = { protocol: rule.ipProtocol, source, ports: opened };
      if (range !== undefined) {
        found.fromPort = range.from;
        found.toPort = range.to;
      }
      open.push(found);
    }
  }
  return open;
}

/** An ingress ACL entry that lets TCP from the internet reach a port. */
export interface OpenAclEntry {
  ruleNumber: number;
  protocol: string;
  source: InternetSource;
  portRange?: { from: number; to: number };
  ports: number[];
}

/**
 * The ingress entries through which internet TCP traffic reaches any of `ports`. For each port
 * and each source, entries are read in rule-number order, as AWS evaluates them, and the first
 * entry from that whole source (`0.0.0.0/0` or `::/0`) that matches TCP to the port decides: an
 * ALLOW opens the port, a DENY shadows every later entry. Entries for narrower CIDRs neither
 * open nor close the port to the internet as a whole.
 */
export function openAclEntries(
  entries: readonly NetworkAclEntry[],
  ports: readonly number[],
): OpenAclEntry[] {
  const ingress = entries.filter((e) => !e.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const open = new Map<string, OpenAclEntry>();
  for (const source of [IPV4_ANYWHERE, IPV6_ANYWHERE] as const) {
    for (const port of ports) {
      const decisive = ingress.find(
        (e) =>
          (source === IPV4_ANYWHERE ? e.cidrBlock : e.ipv6CidrBlock) === source &&
          admitsTcp(e.protocol, port, e.portRange),
      );
      if (decisive?.ruleAction.toLowerCase() !== 'allow') continue;
      const key = `${source}#${decisive.ruleNumber}`;
      const known = open.get(key);
      if (known !== undefined) {
        known.ports.push(port);
        continue;
      }
      const entry: OpenAclEntry = {
        ruleNumber: decisive.ruleNumber,
        protocol: decisive.protocol,
        source,
        ports: [port],
      };
      if (decisive.portRange !== undefined) entry.portRange = decisive.portRange;
      open.set(key, entry);
    }
  }
  return [...open.values()];
}

/** "tcp 22 from 0.0.0.0/0" / "all traffic from ::/0": a rule in a message. */
export function describeOpenRule(rule: {
  protocol: string;
  source: string;
  fromPort?: number;
  toPort?: number;
  portRange?: { from: number; to: number };
}): string {
  if (rule.protocol === '-1') return `all traffic from ${rule.source}`;
  const from = rule.portRange?.from ?? rule.fromPort;
  const to = rule.portRange?.to ?? rule.toPort;
  const ports =
    from === undefined || to === undefined
      ? 'all ports'
      : from === to
        ? `${from}`
        : `${from}-${to}`;
  return `TCP ${ports} from ${rule.source}`;
}

/** "sg-0123 (web)": a group in a message. */
export function groupLabel(group: SecurityGroup): string {
  return group.groupName === group.groupId
    ? group.groupId
    : `${group.groupId} (${group.groupName})`;
}
