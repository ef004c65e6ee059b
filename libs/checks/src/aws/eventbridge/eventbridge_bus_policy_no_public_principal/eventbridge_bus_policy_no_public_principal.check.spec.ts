import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type EventBus } from '../../../collected/resource-policies';
import { eventbridgeBusPolicyNoPublicPrincipal } from './eventbridge_bus_policy_no_public_principal.check';

function bus(name: string, policy: string | null): EventBus {
  return { name, arn: `arn:aws:events:eu-west-1:111122223333:event-bus/${name}`, policy };
}

/** The policy `aws events put-permission --principal '*'` writes, with an optional condition. */
function putPermission(condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowAll',
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: 'arn:aws:events:eu-west-1:111122223333:event-bus/default',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

function snapshot(buses: EventBus[]) {
  return new SnapshotBuilder()
    .setRegional('eventbridge.buses', 'eu-west-1', ok(buses))
    .setRegional('eventbridge.buses', 'us-east-1', ok([]));
}

describe('eventbridge_bus_policy_no_public_principal', () => {
  it('should FAIL a bus that lets anyone put events', () => {
    const results = runCheck(
      eventbridgeBusPolicyNoPublicPrincipal,
      snapshot([bus('default', putPermission())]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        region: 'eu-west-1',
        resourceUid: 'arn:aws:events:eu-west-1:111122223333:event-bus/default',
        message: expect.stringContaining(
          'Event bus default in eu-west-1 of account 111122223333 allows anyone (Principal *) events:PutEvents',
        ) as unknown,
      }),
    ]);
    expect(results[0]?.evidence).toMatchObject({
      publicStatements: [{ sid: 'AllowAll', principal: '*' }],
    });
  });

  it('should PASS a bus with no policy and one open only to the organization', () => {
    const results = runCheck(
      eventbridgeBusPolicyNoPublicPrincipal,
      snapshot([
        bus('default', null),
        bus('org', putPermission({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
    expect(results[0]?.message).toContain('has no resource policy');
  });

  it('should be ERROR, never PASS, when the bus policy is not a policy document', () => {
    const results = runCheck(eventbridgeBusPolicyNoPublicPrincipal, snapshot([bus('x', '[')]));
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
    ]);
  });

  it('should be one ERROR with the collector’s code when the buses cannot be listed', () => {
    const results = runCheck(
      eventbridgeBusPolicyNoPublicPrincipal,
      new SnapshotBuilder()
        .setRegional('eventbridge.buses', 'eu-west-1', ok([]))
        .setRegional('eventbridge.buses', 'us-east-1', failed('REGION_NOT_ENABLED', 'opt-in')),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'REGION_NOT_ENABLED',
        region: 'us-east-1',
      }),
    ]);
  });

  it('should report nothing when no region has a bus', () => {
    expect(runCheck(eventbridgeBusPolicyNoPublicPrincipal, snapshot([]))).toEqual([]);
  });
});
