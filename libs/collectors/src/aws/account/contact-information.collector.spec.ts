import { ok } from '@palisade/checks';
import { type CollectorContext } from '../../framework/collector';
import { accountContactInformationCollector } from './contact-information.collector';

/** A context whose every client answers `send` with `answer(commandName)`. */
function contextAnswering(answer: (command: string) => unknown): CollectorContext {
  const client = {
    middlewareStack: { use: () => undefined },
    send: (command: object) => Promise.resolve().then(() => answer(command.constructor.name)),
  };
  return {
    accountId: '111122223333',
    partition: 'aws',
    region: 'us-east-1',
    signal: new AbortController().signal,
    client: () => client as never,
    global: () => Promise.reject(new Error('no dependencies')),
    regional: () => Promise.reject(new Error('no dependencies')),
    attempt: async (fn: () => Promise<unknown>) => ok(await fn()),
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  } as CollectorContext;
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 404 } });
}

describe('account.contactInformation collector (recorded response shape: moto does not emulate GetContactInformation)', () => {
  it('should map the documented ContactInformation fields', async () => {
    // The GetContactInformation response as the AWS Account Management API documents it.
    const ctx = contextAnswering((command) => {
      expect(command).toBe('GetContactInformationCommand');
      return {
        ContactInformation: {
          AddressLine1: '123 Any Street',
          City: 'Seattle',
          CompanyName: 'Example Corp, Inc.',
          CountryCode: 'US',
          DistrictOrCounty: 'King',
          FullName: 'Saanvi Sarkar',
          PhoneNumber: '+15555550100',
          PostalCode: '98101',
          StateOrRegion: 'WA',
          WebsiteUrl: 'https://www.examplecorp.com',
        },
      };
    });

    await expect(accountContactInformationCollector.collect(ctx)).resolves.toEqual({
      fullName: 'Saanvi Sarkar',
      companyName: 'Example Corp, Inc.',
      addressLine1: '123 Any Street',
      city: 'Seattle',
      stateOrRegion: 'WA',
      districtOrCounty: 'King',
      postalCode: '98101',
      countryCode: 'US',
      phoneNumber: '+15555550100',
      websiteUrl: 'https://www.examplecorp.com',
    });
  });

  it('should be null when the account has no contact information (ResourceNotFoundException)', async () => {
    const ctx = contextAnswering(() => {
      throw awsError('ResourceNotFoundException', 'No contact information found');
    });
    await expect(accountContactInformationCollector.collect(ctx)).resolves.toBeNull();
  });

  it('should fail (so its checks ERROR) when the call is denied', async () => {
    const ctx = contextAnswering(() => {
      throw awsError(
        'AccessDeniedException',
        'not authorized to perform account:GetContactInformation',
      );
    });
    await expect(accountContactInformationCollector.collect(ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});
