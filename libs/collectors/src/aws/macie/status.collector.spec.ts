// macie.status over recorded GetMacieSession responses, through the real SDK client and its
// deserializer: moto's timestamps lack a zone offset, so the SDK refuses moto's successful
// answers (ENABLED / PAUSED) — these wire shapes are AWS's, from the Macie API reference.
import { Macie2Client } from '@aws-sdk/client-macie2';
import { failed, ok } from '@palisade/checks';
import { type CollectorContext } from '../../framework/collector';
import { statusCollector } from './status.collector';

interface WireAnswer {
  status: number;
  body: string;
  errorType?: string;
}

/** A real Macie2Client whose HTTP handler answers with a recorded response. */
function macieAnswering(answer: WireAnswer): Macie2Client {
  return new Macie2Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDRECORDED', secretAccessKey: 'recorded' },
    maxAttempts: 1,
    requestHandler: {
      handle: () =>
        Promise.resolve({
          response: {
            statusCode: answer.status,
            headers: {
              'content-type': 'application/json',
              ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
            },
            body: new TextEncoder().encode(answer.body),
          },
        }),
    },
  });
}

function contextWith(client: Macie2Client): CollectorContext {
  return {
    accountId: '111122223333',
    partition: 'aws',
    region: 'eu-west-1',
    signal: new AbortController().signal,
    client: (() => client) as unknown as CollectorContext['client'],
    global: () => Promise.reject(new Error('no dependencies')),
    regional: () => Promise.reject(new Error('no dependencies')),
    attempt: async (fn: () => Promise<unknown>) => {
      try {
        return ok(await fn());
      } catch (err) {
        return failed('AWS_ERROR', String(err));
      }
    },
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  };
}

const SESSION = (status: string) =>
  JSON.stringify({
    createdAt: '2025-11-04T09:12:31.512Z',
    findingPublishingFrequency: 'SIX_HOURS',
    serviceRole:
      'arn:aws:iam::111122223333:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie',
    status,
    updatedAt: '2026-02-01T17:45:00.004Z',
  });

describe('macie.status (recorded response shapes: moto’s session timestamps do not parse)', () => {
  it.each(['ENABLED', 'PAUSED'])('should read a %s session with its dates', async (status) => {
    const ctx = contextWith(macieAnswering({ status: 200, body: SESSION(status) }));
    await expect(statusCollector.collect(ctx)).resolves.toEqual({
      status,
      createdAt: '2025-11-04T09:12:31.512Z',
      updatedAt: '2026-02-01T17:45:00.004Z',
      findingPublishingFrequency: 'SIX_HOURS',
    });
  });

  it('should read AWS’s "Macie is not enabled." (HTTP 401 AccessDeniedException) as DISABLED', async () => {
    const ctx = contextWith(
      macieAnswering({
        status: 401,
        errorType: 'AccessDeniedException',
        body: JSON.stringify({ message: 'Macie is not enabled.' }),
      }),
    );
    await expect(statusCollector.collect(ctx)).resolves.toEqual({ status: 'DISABLED' });
  });

  it('should throw (fail the collector) on an authorization denial', async () => {
    const ctx = contextWith(
      macieAnswering({
        status: 403,
        errorType: 'AccessDeniedException',
        body: JSON.stringify({
          message:
            'User: arn:aws:sts::111122223333:assumed-role/palisade/x is not authorized to perform: macie2:GetMacieSession',
        }),
      }),
    );
    await expect(statusCollector.collect(ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});
