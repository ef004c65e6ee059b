import type pino from 'pino';
import { createLogger } from './create-logger';

function capture(): {
  destination: pino.DestinationStream;
  lines: () => Record<string, unknown>[];
} {
  const written: string[] = [];
  return {
    destination: { write: (line: string) => void written.push(line) },
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('should write one JSON line with the service name, level word and ISO time', () => {
    const { destination, lines } = capture();

    createLogger({ service: 'discovery', level: 'info', destination }).info(
      { accountId: '111122223333' },
      'walked',
    );

    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'discovery',
        accountId: '111122223333',
        msg: 'walked',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      }),
    ]);
  });

  it('should not write below the configured level', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ service: 'discovery', level: 'warn', destination });

    logger.info('hidden');
    logger.warn('shown');

    expect(lines().map((line) => line.msg)).toEqual(['shown']);
  });

  it('should redact credentials at the top level and up to two levels down', () => {
    const { destination, lines } = capture();

    createLogger({ service: 'scanner', level: 'info', destination }).info(
      {
        password: 'pw-1',
        apiKey: 'pal_key_secret',
        role: { sessionToken: 'tok-1', secretAccessKey: 'sak-1', roleArn: 'arn:aws:iam::1:role/r' },
        sts: {
          Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 'sak-2', SessionToken: 'tok-2' },
        },
        webhook: { signingSecret: 'whsec', token: 'tok-3' },
        job: { hub: { password: 'pw-2', name: 'hub' } },
      },
      'assumed',
    );

    const [line] = lines();
    expect(line).toMatchObject({
      password: '[redacted]',
      apiKey: '[redacted]',
      role: {
        sessionToken: '[redacted]',
        secretAccessKey: '[redacted]',
        roleArn: 'arn:aws:iam::1:role/r',
      },
      sts: { Credentials: '[redacted]' },
      webhook: { signingSecret: '[redacted]', token: '[redacted]' },
      job: { hub: { password: '[redacted]', name: 'hub' } },
    });
    expect(JSON.stringify(line)).not.toMatch(/pw-\d|pal_key_secret|tok-|sak-|whsec/);
  });

  it('should redact the API key and authorization headers of a logged request', () => {
    const { destination, lines } = capture();

    createLogger({ service: 'api', level: 'info', destination }).info(
      {
        req: {
          method: 'GET',
          headers: {
            authorization: 'Bearer abc',
            'x-api-key': 'pal_k_s',
            cookie: 'c=1',
            accept: '*/*',
          },
        },
      },
      'request',
    );

    expect(lines()[0]?.req).toEqual({
      method: 'GET',
      headers: {
        authorization: '[redacted]',
        'x-api-key': '[redacted]',
        cookie: '[redacted]',
        accept: '*/*',
      },
    });
  });
});
