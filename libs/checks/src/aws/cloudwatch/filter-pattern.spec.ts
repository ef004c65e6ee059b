import { parseFilterPattern, patternMatches } from './filter-pattern';

function matches(pattern: string, event: object): boolean {
  const parsed = parseFilterPattern(pattern);
  if (!parsed.ok) throw new Error(`${pattern}: ${parsed.reason}`);
  return patternMatches(parsed.pattern, event);
}

const DENIED = {
  eventName: 'RunInstances',
  errorCode: 'Client.UnauthorizedOperation',
  sourceIPAddress: '198.51.100.7',
  userIdentity: { type: 'IAMUser' },
  additionalEventData: { MFAUsed: 'No' },
  resources: [{ ARN: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1' }],
  readOnly: false,
  count: 12,
  deleted: null,
};

describe('CloudWatch Logs filter patterns', () => {
  it('should compare quoted and bare string values, with * wildcards', () => {
    expect(matches('{ $.eventName = "RunInstances" }', DENIED)).toBe(true);
    expect(matches('{$.eventName=RunInstances}', DENIED)).toBe(true);
    expect(matches('{ $.errorCode = "*UnauthorizedOperation" }', DENIED)).toBe(true);
    expect(matches('{ $.errorCode = "AccessDenied*" }', DENIED)).toBe(false);
    expect(matches('{ $.eventName != "HeadBucket" }', DENIED)).toBe(true);
    expect(matches('{ $.eventName = "runinstances" }', DENIED)).toBe(false);
  });

  it('should combine conditions with && and ||, && binding tighter, and parentheses', () => {
    expect(
      matches('{ $.eventName = X || $.eventName = RunInstances && $.readOnly IS FALSE }', DENIED),
    ).toBe(true);
    expect(
      matches('{ ($.eventName = X || $.eventName = RunInstances) && $.count > 20 }', DENIED),
    ).toBe(false);
    expect(matches('{ $.eventName = X || $.eventName = Y }', DENIED)).toBe(false);
  });

  it('should read nested fields and array elements, and test existence and null', () => {
    expect(matches('{ $.additionalEventData.MFAUsed != "Yes" }', DENIED)).toBe(true);
    expect(matches('{ $.resources[0].ARN = "arn:aws:ec2:*" }', DENIED)).toBe(true);
    expect(matches('{ $.resources[1].ARN = "*" }', DENIED)).toBe(false);
    expect(matches('{ $.userIdentity.invokedBy NOT EXISTS }', DENIED)).toBe(true);
    expect(matches('{ $.userIdentity.type NOT EXISTS }', DENIED)).toBe(false);
    expect(matches('{ $.deleted IS NULL }', DENIED)).toBe(true);
    // A comparison on a field the event does not have never matches, `!=` included.
    expect(matches('{ $.userIdentity.invokedBy != "x" }', DENIED)).toBe(false);
  });

  it('should compare numbers and match %regex%', () => {
    expect(matches('{ $.count >= 12 }', DENIED)).toBe(true);
    expect(matches('{ $.count < 12 }', DENIED)).toBe(false);
    expect(matches('{ $.eventName = %Run.*s% }', DENIED)).toBe(true);
    expect(matches('{ $.eventName = %^Stop% }', DENIED)).toBe(false);
  });

  it('should match term patterns against the event text', () => {
    expect(matches('', DENIED)).toBe(true);
    expect(matches('RunInstances "Client.UnauthorizedOperation"', DENIED)).toBe(true);
    expect(matches('?StopInstances ?RunInstances', DENIED)).toBe(true);
    expect(matches('?StopInstances ?TerminateInstances', DENIED)).toBe(false);
    expect(matches('RunInstances -UnauthorizedOperation', DENIED)).toBe(false);
  });

  it('should say why a pattern cannot be evaluated instead of guessing', () => {
    expect(parseFilterPattern('[ip, user, ...]')).toMatchObject({ ok: false });
    expect(parseFilterPattern('{ $.eventName = "x" ')).toMatchObject({ ok: false });
    expect(parseFilterPattern('{ $.eventName = "x" && }')).toMatchObject({ ok: false });
    expect(parseFilterPattern('{ ($.eventName = x }')).toMatchObject({ ok: false });
    expect(parseFilterPattern('{ eventName = x }')).toMatchObject({ ok: false });
    expect(parseFilterPattern('{ $.eventName = %(% }')).toMatchObject({ ok: false });
    expect(parseFilterPattern('{ $.eventName IS MAYBE }')).toMatchObject({ ok: false });
  });
});
