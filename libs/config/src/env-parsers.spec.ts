import { awsRegion, bool, brokerList, int, port } from './env-parsers';

describe('env parsers', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('should read %s as %s', (raw, expected) => {
    expect(bool().parse(raw)).toBe(expected);
  });

  it.each(['TRUE', 'yes', 'on', ' true', ''])('should reject %j as a boolean', (raw) => {
    expect(bool().safeParse(raw).success).toBe(false);
  });

  it('should accept integers within bounds only', () => {
    const parser = int({ min: 1, max: 10 });

    expect(parser.parse('10')).toBe(10);
    expect(parser.safeParse('11').success).toBe(false);
    expect(parser.safeParse('0').success).toBe(false);
    expect(parser.safeParse('1.5').success).toBe(false);
    expect(parser.safeParse('1e1').success).toBe(false);
    expect(parser.safeParse(' 5').success).toBe(false);
  });

  it('should accept port 0 and reject ports past 65535', () => {
    expect(port().parse('0')).toBe(0);
    expect(port().safeParse('65536').success).toBe(false);
  });

  it('should split a broker list, trimming entries', () => {
    expect(brokerList().parse(' b1:9092, b2.example.com:9094 ,[::1]:9092,')).toEqual([
      'b1:9092',
      'b2.example.com:9094',
      '[::1]:9092',
    ]);
  });

  it('should name the entries that are not host:port', () => {
    const result = brokerList().safeParse('b1:9092,b2,b3:99999');

    expect(result.error?.issues[0]?.message).toBe(
      'must be a comma-separated list of host:port (bad entries: b2, b3:99999)',
    );
  });

  it.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-5'])(
    'should accept the region %s',
    (region) => {
      expect(awsRegion().parse(region)).toBe(region);
    },
  );

  it.each(['US-EAST-1', 'useast1', 'us-east'])('should reject the region %s', (region) => {
    expect(awsRegion().safeParse(region).success).toBe(false);
  });
});
