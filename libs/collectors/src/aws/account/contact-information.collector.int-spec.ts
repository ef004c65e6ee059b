import { type CollectorHarness, collectorHarness } from '@palisade/testing';

describe('account.contactInformation collector (moto does not emulate GetContactInformation)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });

  afterAll(() => h.close());

  it('should fail the collector (its checks ERROR), never report "no contact"', async () => {
    const { snapshot } = await h.collect(['account.contactInformation']);
    // moto answers an HTML 404 page, which the SDK cannot read.
    expect(snapshot.global('account.contactInformation')).toMatchObject({
      ok: false,
      code: 'AWS_ERROR',
    });
  });
});
