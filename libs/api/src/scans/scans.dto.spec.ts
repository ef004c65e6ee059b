import { createScanSchema } from './scans.dto';

const SOURCE = '5f0c4b1e-6a43-4d5e-9b1c-2a7e3f8d9c10';
const regionsOk = (regions: string[]) =>
  createScanSchema.safeParse({ sourceId: SOURCE, regions }).success;

describe('createScanSchema regions', () => {
  it.each([
    'us-east-1',
    'eu-central-2',
    'ap-southeast-7',
    'il-central-1',
    'mx-central-1',
    'ca-west-1',
    'us-gov-west-1',
    'cn-northwest-1',
    'us-isob-east-1',
  ])('accepts %s', (region) => {
    expect(regionsOk([region])).toBe(true);
  });

  it.each(['global', 'EU-WEST-1', 'eu-west', 'eu-wset-1', 'xx-east-1', 'eu-west-10', 'eu west 1'])(
    'refuses %s',
    (region) => {
      expect(regionsOk([region])).toBe(false);
    },
  );
});
