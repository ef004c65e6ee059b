import { globToLike } from './glob-to-like';

describe('globToLike', () => {
  it('should turn * into % and ? into _', () => {
    expect(globToLike('arn:aws:s3:::logs-*')).toBe('arn:aws:s3:::logs-%');
    expect(globToLike('arn:aws:ec2:eu-west-?:*:instance/*')).toBe(
      'arn:aws:ec2:eu-west-_:%:instance/%',
    );
    expect(globToLike('*')).toBe('%');
  });

  it('should escape LIKE wildcards and the escape character so that they match literally', () => {
    expect(globToLike('arn:aws:s3:::my_bucket')).toBe('arn:aws:s3:::my\\_bucket');
    expect(globToLike('arn:aws:ssm:eu-west-1:123456789012:parameter/100%')).toBe(
      'arn:aws:ssm:eu-west-1:123456789012:parameter/100\\%',
    );
    expect(globToLike('arn:aws:s3:::a\\b')).toBe('arn:aws:s3:::a\\\\b');
    expect(globToLike('%_\\*?')).toBe('\\%\\_\\\\%_');
  });

  it('should keep any other character, astral ones included, as it is', () => {
    expect(globToLike('arn:aws:s3:::bücket-🙂/[x]{y}.^$|+()')).toBe(
      'arn:aws:s3:::bücket-🙂/[x]{y}.^$|+()',
    );
    expect(globToLike('')).toBe('');
  });
});
