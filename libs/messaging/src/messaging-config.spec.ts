import { ConfigError, type Env, loadConfig, scannerConfigSchema } from '@palisade/config';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { messagingOptionsFromConfig } from './messaging-config';

const KAFKA = { KAFKA_BROKERS: 'b-1.example:9096,b-2.example:9096' };

function kafkaOptionsFor(env: Env) {
  return messagingOptionsFromConfig(loadConfig(scannerConfigSchema, env)).kafka;
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('messagingOptionsFromConfig: Kafka connection', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-kafka-ca-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('should connect in plaintext, unauthenticated, by default', () => {
    expect(kafkaOptionsFor(KAFKA)).toMatchObject({
      brokers: ['b-1.example:9096', 'b-2.example:9096'],
      ssl: false,
      sasl: undefined,
    });
  });

  it('should use TLS against the system roots when no CA bundle is given', () => {
    expect(kafkaOptionsFor({ ...KAFKA, KAFKA_SSL: 'true' })).toMatchObject({
      ssl: true,
      sasl: undefined,
    });
  });

  it('should trust exactly the certificates of the CA bundle, whatever else the file holds', () => {
    const [first, second] = rootCertificates;
    const bundle = file(
      'bundle.pem',
      `# Strimzi cluster CA, then the previous one during a renewal\n${first}\n\n${second}\n`,
    );

    expect(
      kafkaOptionsFor({ ...KAFKA, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: bundle })?.ssl,
    ).toEqual({ ca: [first, second] });
  });

  it('should refuse to boot, naming the variable and the path, when the CA bundle is unusable', () => {
    const [pem = ''] = rootCertificates;
    const missing = join(dir, 'missing.pem');
    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    const der = file('ca.der', Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
    const corrupt = file(
      'corrupt.pem',
      `${pem}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n`,
    );
    const problemFor = (path: string) =>
      issuesOf(() => kafkaOptionsFor({ ...KAFKA, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: path }));

    expect(problemFor(missing)).toEqual([
      { variable: 'KAFKA_SSL_CA_FILE', problem: `cannot read ${missing}: no such file` },
    ]);
    expect(problemFor(directory)).toEqual([
      { variable: 'KAFKA_SSL_CA_FILE', problem: `cannot read ${directory}: it is a directory` },
    ]);
    expect(problemFor(der)).toEqual([
      {
        variable: 'KAFKA_SSL_CA_FILE',
        problem: `${der} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
      },
    ]);
    expect(problemFor(corrupt)).toEqual([
      {
        variable: 'KAFKA_SSL_CA_FILE',
        problem: `${corrupt}: certificate 2 of 2 is not a valid X.509 certificate`,
      },
    ]);
  });

  it.each(['scram-sha-256', 'scram-sha-512'] as const)(
    'should authenticate with %s and the configured credentials',
    (mechanism) => {
      expect(
        kafkaOptionsFor({
          ...KAFKA,
          KAFKA_SSL: 'true',
          KAFKA_SASL_MECHANISM: mechanism,
          KAFKA_SASL_USERNAME: 'palisade',
          KAFKA_SASL_PASSWORD: 'kafka-pa55word',
        }),
      ).toMatchObject({
        ssl: true,
        sasl: { mechanism, username: 'palisade', password: 'kafka-pa55word' },
      });
    },
  );

  describe('with MSK IAM', () => {
    const AWS_VARIABLES = [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
    ] as const;
    const saved = Object.fromEntries(AWS_VARIABLES.map((name) => [name, process.env[name]]));

    afterEach(() => {
      for (const name of AWS_VARIABLES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('should sign OAUTHBEARER tokens for KAFKA_AWS_REGION with the default chain’s identity', async () => {
      delete process.env.AWS_PROFILE;
      process.env.AWS_ACCESS_KEY_ID = 'AKIAENVBASEEXAMPLE01';
      process.env.AWS_SECRET_ACCESS_KEY = 'base-identity-secret-example-000000000000';
      process.env.AWS_SESSION_TOKEN = 'base-identity-session-token';

      const options = kafkaOptionsFor({
        ...KAFKA,
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'aws',
        KAFKA_AWS_REGION: 'ap-southeast-2',
      });

      expect(options?.ssl).toBe(true);
      if (options?.sasl?.mechanism !== 'oauthbearer') {
        throw new Error(`expected oauthbearer, got ${options?.sasl?.mechanism}`);
      }
      const url = new URL(
        Buffer.from((await options.sasl.oauthBearerProvider()).value, 'base64url').toString(),
      );
      expect(url.host).toBe('kafka.ap-southeast-2.amazonaws.com');
      expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(
        /^AKIAENVBASEEXAMPLE01\/\d{8}\/ap-southeast-2\/kafka-cluster\/aws4_request$/,
      );
      expect(url.searchParams.get('X-Amz-Security-Token')).toBe('base-identity-session-token');
    });
  });
});
