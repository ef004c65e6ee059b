// Recorded response shape: moto does not emulate iam:ListOrganizationsFeatures (its server
// answers HTTP 500), so the collector is fed the answers AWS documents, through a fake client.
import {
  AccountNotManagementOrDelegatedAdministratorException,
  OrganizationNotInAllFeaturesModeException,
  ServiceAccessNotEnabledException,
} from '@aws-sdk/client-iam';
import { type CollectorContext } from '../../framework/collector';
import { rootAccessFeaturesCollector } from './root-access-features.collector';

function contextAnswering(answer: () => Promise<unknown>, seen: string[]): CollectorContext {
  const client = {
    middlewareStack: { use: () => undefined },
    send: (command: object) => {
      seen.push(command.constructor.name);
      return answer();
    },
  };
  return {
    accountId: '111122223333',
    partition: 'aws',
    region: 'us-east-1',
    signal: new AbortController().signal,
    client: <T>() => client as T,
    global: () => Promise.reject(new Error('no dependency expected')),
    regional: () => Promise.reject(new Error('no dependency expected')),
    attempt: () => Promise.reject(new Error('not used')),
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  };
}

const meta = { $metadata: {}, message: 'recorded' };

describe('organizations.rootAccessFeatures (recorded response shape, moto does not emulate iam:ListOrganizationsFeatures)', () => {
  it('should return the enabled features, sorted', async () => {
    const seen: string[] = [];
    // The AWS API reference's example answer, with both features on.
    const ctx = contextAnswering(
      () =>
        Promise.resolve({
          OrganizationId: 'o-aa111bb222',
          EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'],
        }),
      seen,
    );
    await expect(rootAccessFeaturesCollector.collect(ctx)).resolves.toEqual({
      enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
    });
    expect(seen).toEqual(['ListOrganizationsFeaturesCommand']);
  });

  it('should return no features when IAM answers with an empty list', async () => {
    const ctx = contextAnswering(() => Promise.resolve({ OrganizationId: 'o-aa111bb222' }), []);
    await expect(rootAccessFeaturesCollector.collect(ctx)).resolves.toEqual({
      enabledFeatures: [],
    });
  });

  it.each([
    ['ServiceAccessNotEnabledException', new ServiceAccessNotEnabledException(meta)],
    [
      'OrganizationNotInAllFeaturesModeException',
      new OrganizationNotInAllFeaturesModeException(meta),
    ],
  ])('should record %s as "unavailable", not fail', async (code, error) => {
    const ctx = contextAnswering(() => Promise.reject(error), []);
    await expect(rootAccessFeaturesCollector.collect(ctx)).resolves.toEqual({
      enabledFeatures: [],
      unavailableReason: code,
    });
  });

  it('should fail when the caller is neither the management account nor a delegated admin', async () => {
    const error = new AccountNotManagementOrDelegatedAdministratorException(meta);
    const ctx = contextAnswering(() => Promise.reject(error), []);
    await expect(rootAccessFeaturesCollector.collect(ctx)).rejects.toBe(error);
  });

  it('should declare the one operation it calls', () => {
    expect(rootAccessFeaturesCollector.operations).toEqual(['iam:ListOrganizationsFeatures']);
  });
});
