import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type EventBus } from '../../../collected/resource-policies';
import { ORG_ONLY, allowEveryone, inEuWest1 } from '../../test/resource-policy-cases';
import { eventbridgeBusPolicyNoPublicPrincipal } from './eventbridge_bus_policy_no_public_principal.check';

function bus(name: string, policy: string | null): EventBus {
  return { name, arn: `arn:aws:events:eu-west-1:111122223333:event-bus/${name}`, policy };
}

/** The policy `aws events put-permission --principal '*'` writes, with an optional condition. */
const putPermission = (condition?: object) =>
  allowEveryone('events:PutEvents', condition, {
    Sid: 'AllowAll',
    Resource: 'arn:aws:events:eu-west-1:111122223333:event-bus/default',
  });

const snapshot = (buses: EventBus[]) => inEuWest1('eventbridge.buses', ok(buses));

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
      snapshot([bus('default', null), bus('org', putPermission(ORG_ONLY))]),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'Event bus default in eu-west-1 of account 111122223333 has no resource policy'],
      [
        'PASS',
        'Event bus org in eu-west-1 of account 111122223333 has a resource policy that allows no one unrestricted access (Principal *)',
      ],
    ]);
  });

  it('should be ERROR, never PASS, when the bus policy is not a policy document', () => {
    const results = runCheck(eventbridgeBusPolicyNoPublicPrincipal, snapshot([bus('x', '[')]));
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
    ]);
    expect(results[0]?.message).toMatch(
      /^could not read the resource policy of event bus x in eu-west-1 of account 111122223333: /,
    );
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
