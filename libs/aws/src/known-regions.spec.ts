import { KNOWN_REGIONS, closestRegion, editDistance, isKnownRegion } from './known-regions';
import { partitionOfRegion } from './partition';

describe('KNOWN_REGIONS', () => {
  it('should list each region once, as a lowercase region code', () => {
    expect(new Set(KNOWN_REGIONS).size).toBe(KNOWN_REGIONS.length);
    for (const region of KNOWN_REGIONS) expect(region).toMatch(/^[a-z]{2,4}(-[a-z]+)+-\d$/);
  });

  it.each([
    ['me-central-1'],
    ['ap-southeast-5'],
    ['ap-southeast-7'],
    ['mx-central-1'],
    ['ca-west-1'],
    ['il-central-1'],
  ])('should know the opt-in region %s', (region) => {
    expect(isKnownRegion(region)).toBe(true);
  });

  it('should hold the commercial, GovCloud, China and European Sovereign Cloud partitions', () => {
    const partitions = new Set(KNOWN_REGIONS.map(partitionOfRegion));
    expect([...partitions].sort()).toEqual(['aws', 'aws-cn', 'aws-eusc', 'aws-us-gov']);
    expect(KNOWN_REGIONS).toEqual(
      expect.arrayContaining(['us-gov-west-1', 'us-gov-east-1', 'cn-north-1', 'cn-northwest-1']),
    );
  });

  it.each(['EU-WEST-1', 'eu-west', 'global', 'aws-global', 'us-iso-east-1', ''])(
    'should not take %j as a region code',
    (name) => {
      expect(isKnownRegion(name)).toBe(false);
    },
  );
});

describe('closestRegion', () => {
  it.each([
    ['eu-west-l', 'eu-west-1'],
    ['eu-wset-1', 'eu-west-1'],
    ['eu-west1', 'eu-west-1'],
    ['euwest1', 'eu-west-1'],
    ['EU-WEST-1', 'eu-west-1'],
    [' us-east-1 ', 'us-east-1'],
    ['us-east', 'us-east-1'],
    ['ap-southeast', 'ap-southeast-1'],
    ['ap-southeast-8', 'ap-southeast-1'],
    ['us-gov-west', 'us-gov-west-1'],
    ['me-centrl-1', 'me-central-1'],
  ])('should suggest %j → %s', (name, region) => {
    expect(closestRegion(name)).toBe(region);
  });

  it('should give a known region back as itself', () => {
    for (const region of KNOWN_REGIONS) expect(closestRegion(region)).toBe(region);
  });

  it.each(['westeurope', 'frankfurt', 'us', 'eu', 'x', '', 'europe-west1', 'eu-west-1-a-b'])(
    'should suggest nothing for %j, which is no near miss',
    (name) => {
      expect(closestRegion(name)).toBeUndefined();
    },
  );
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['abc', 'acb', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('should put %j and %j %d edits apart', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
