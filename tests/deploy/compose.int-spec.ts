// deploy/compose.yaml read the way `docker compose` reads it (YAML merge keys, then variable
// interpolation from the env file), then held against the services' own config schemas: each
// service sets only variables its schema reads, and the schema accepts them. No Docker here, so
// nothing is started; the Kafka and Postgres versions are tied to the ones the tests run.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type ConfigSchema,
  type ConfigTree,
  configVariables,
  loadConfig,
  IMAGE_COMMAND_SCHEMAS,
} from '@palisade/config';
import { APP_ROLE } from '@palisade/persistence';
import {
  COMPOSE_ENV_EXAMPLE,
  type ComposeProject,
  type ComposeService,
  containerEnv,
  loadCompose,
  portMapping,
  readComposeEnvExample,
  REPO_ROOT,
} from './support/compose-file';
import { type Lookup, lookupIn } from './support/compose-interpolation';

const SCHEMAS = IMAGE_COMMAND_SCHEMAS;
const LONG_RUNNING = ['discovery', 'scanner', 'normaliser', 'api'];

/** The secrets the example leaves empty, made the way its comments say. */
const GENERATORS: Readonly<Record<string, { readonly command: string; make(): string }>> = {
  POSTGRES_PASSWORD: {
    command: 'openssl rand -hex 24',
    make: () => randomBytes(24).toString('hex'),
  },
  PALISADE_APP_ROLE_PASSWORD: {
    command: 'openssl rand -hex 24',
    make: () => randomBytes(24).toString('hex'),
  },
  WEBHOOK_ENCRYPTION_KEY: {
    command: 'openssl rand -base64 32',
    make: () => randomBytes(32).toString('base64'),
  },
  OPERATOR_KEY: {
    command: 'npm run -s operator-key',
    make: () => `pal_op_${randomBytes(32).toString('base64url')}`,
  },
};
/** Compose refuses to start without these. */
const REQUIRED = ['POSTGRES_PASSWORD', 'PALISADE_APP_ROLE_PASSWORD', 'WEBHOOK_ENCRYPTION_KEY'];

/** Not configuration (no schema reads them): the AWS SDK's credential chain, passed through. */
const AWS_CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

const example = readComposeEnvExample();
const filledEnv: Record<string, string> = {
  ...example.values,
  ...Object.fromEntries(Object.entries(GENERATORS).map(([name, { make }]) => [name, make()])),
};
const filled = lookupIn(filledEnv);
const project = loadCompose(filled);

function service(name: string, from: ComposeProject = project): ComposeService {
  const found = from.services[name];
  if (found === undefined) throw new Error(`deploy/compose.yaml has no service ${name}`);
  return found;
}

function envOf(name: string, lookup: Lookup = filled): Record<string, string> {
  return containerEnv(service(name), lookup);
}

function required(env: Record<string, string>, name: string): string {
  const value = env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

function schemaOf(name: string): ConfigSchema<ConfigTree> {
  const schema = SCHEMAS[name];
  if (schema === undefined) throw new Error(`no config schema for ${name}`);
  return schema;
}

function schemaReads(name: string, variable: string): boolean {
  return configVariables(schemaOf(name)).some((v) => v.name === variable);
}

/** `NAME://host:port,...` as Kafka's listener settings write it. */
function listeners(value: string): Map<string, { host: string; port: number }> {
  return new Map(
    value.split(',').map((entry) => {
      const match = /^([A-Z_]+):\/\/([^:]*):(\d+)$/.exec(entry);
      if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
        throw new Error(`unexpected listener ${entry}`);
      }
      return [match[1], { host: match[2], port: Number(match[3]) }];
    }),
  );
}

function testsKafkaVersion(): string {
  const script = readFileSync(resolve(REPO_ROOT, 'scripts/deps/kafka.sh'), 'utf8');
  const version = /^KAFKA_VERSION="\$\{PALISADE_KAFKA_VERSION:-([^}]+)\}"$/m.exec(script)?.[1];
  if (version === undefined) throw new Error('no default Kafka version in scripts/deps/kafka.sh');
  return version;
}

function testsPostgresMajor(): string {
  const script = readFileSync(resolve(REPO_ROOT, 'scripts/deps/postgres.sh'), 'utf8');
  const major = /^PG_BIN="\$\{PALISADE_PG_BIN:-\/usr\/lib\/postgresql\/(\d+)\/bin\}"$/m.exec(
    script,
  )?.[1];
  if (major === undefined) throw new Error('no PostgreSQL major in scripts/deps/postgres.sh');
  return major;
}

/** The comment block right above `NAME=` (or `# NAME=`) in the example. */
function commentAbove(name: string): string {
  const lines = readFileSync(COMPOSE_ENV_EXAMPLE, 'utf8').split('\n');
  const at = lines.findIndex((line) => new RegExp(`^(# )?${name}=`).test(line));
  const block: string[] = [];
  for (let i = at - 1; i >= 0 && (lines[i] ?? '').startsWith('#'); i--) {
    block.unshift(lines[i] ?? '');
  }
  return block.join('\n');
}

describe('deploy/compose.yaml', () => {
  describe('secrets and the env file', () => {
    it('should ship the example with every secret empty, each with how to make it', () => {
      for (const [name, { command }] of Object.entries(GENERATORS)) {
        expect({ name, value: example.values[name] }).toEqual({ name, value: '' });
        expect(commentAbove(name)).toContain(command);
      }
    });

    it('should refuse to start while a required secret is missing or empty, saying how to make it', () => {
      expect(() => loadCompose(lookupIn(example.values))).toThrow(
        /required variable \w+ is missing a value: generate it with openssl rand/,
      );
      for (const name of REQUIRED) {
        const command = GENERATORS[name]?.command ?? '';
        for (const env of [
          { ...filledEnv, [name]: '' },
          { ...filledEnv, [name]: undefined },
        ]) {
          expect(() => loadCompose(lookupIn(env))).toThrow(
            `required variable ${name} is missing a value: generate it with ${command} and put it in deploy/.env`,
          );
        }
      }
    });

    it('should need nothing but the required secrets: every other variable has a working default', () => {
      const minimal = lookupIn(
        Object.fromEntries(REQUIRED.map((name) => [name, GENERATORS[name]?.make() ?? ''])),
      );
      const loaded = loadCompose(minimal);
      for (const name of Object.keys(SCHEMAS)) {
        expect(() =>
          loadConfig(schemaOf(name), containerEnv(service(name, loaded), minimal)),
        ).not.toThrow();
      }
      expect(service('api', loaded).ports?.map(portMapping)).toEqual([
        { host_ip: '127.0.0.1', published: '3000', target: 8080 },
      ]);
    });

    it('should document in the example exactly the variables it reads', () => {
      const read = new Set<string>();
      const recording: Lookup = (name) => {
        read.add(name);
        return filled(name);
      };
      const loaded = loadCompose(recording);
      for (const entry of Object.values(loaded.services)) {
        for (const [name, value] of Object.entries(entry.environment ?? {})) {
          if (value === null) read.add(name);
        }
      }
      expect([...example.documented].sort()).toEqual([...read].sort());
    });
  });

  describe('the Palisade services', () => {
    const palisadeImage = () => service('migrate').image;

    it('should run the five processes from one image, tagged with this release by default', () => {
      const { version } = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(palisadeImage()).toBe(`ghcr.io/palisade-project/palisade:${version}`);
      const fromImage = Object.entries(project.services)
        .filter(([, entry]) => entry.image === palisadeImage())
        .map(([name, entry]) => ({ name, command: entry.command }));
      expect(fromImage.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        Object.keys(SCHEMAS)
          .sort()
          .map((name) => ({ name, command: name })),
      );
      expect(Object.keys(project.services).sort()).toEqual(
        [...Object.keys(SCHEMAS), 'kafka', 'postgres'].sort(),
      );

      const custom = loadCompose(lookupIn({ ...filledEnv, PALISADE_IMAGE: 'palisade:dev' }));
      for (const name of Object.keys(SCHEMAS)) {
        expect(service(name, custom).image).toBe('palisade:dev');
      }
    });

    it.each(Object.keys(SCHEMAS))(
      '%s should set only variables its schema reads, and its schema should accept them',
      (name) => {
        const schema = schemaOf(name);
        const reads = new Set(configVariables(schema).map((variable) => variable.name));
        // A string value: a variable the schema reads. No value (passed through when set): AWS
        // credentials, and only to a service that calls AWS (its schema reads AWS_REGION).
        const allowed = (variable: string, value: unknown) =>
          value === null
            ? AWS_CREDENTIALS.includes(variable) && reads.has('AWS_REGION')
            : typeof value === 'string' && reads.has(variable);
        const unexpected = Object.entries(service(name).environment ?? {})
          .filter(([variable, value]) => !allowed(variable, value))
          .map(([variable]) => variable);
        expect(unexpected).toEqual([]);
        expect(() => loadConfig(schema, envOf(name))).not.toThrow();
      },
    );

    it('should pass the AWS keys through only when they are set', () => {
      const keys = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };
      const withKeys = lookupIn({ ...filledEnv, ...keys });
      for (const name of ['discovery', 'scanner', 'api']) {
        expect(envOf(name, withKeys)).toMatchObject(keys);
        expect(Object.keys(envOf(name)).filter((v) => AWS_CREDENTIALS.includes(v))).toEqual([]);
      }
      expect(Object.keys(envOf('normaliser', withKeys))).not.toContain('AWS_ACCESS_KEY_ID');
    });

    it('should connect the services as the non-owner role migrate sets the password of', () => {
      const postgres = envOf('postgres');
      const owner = required(postgres, 'POSTGRES_USER');
      const database = required(postgres, 'POSTGRES_DB');
      const migrate = envOf('migrate');
      const ownerUrl = new URL(required(migrate, 'DATABASE_MIGRATIONS_URL'));
      expect(ownerUrl).toMatchObject({
        protocol: 'postgres:',
        username: owner,
        password: required(postgres, 'POSTGRES_PASSWORD'),
        hostname: 'postgres',
        port: '5432',
        pathname: `/${database}`,
      });

      const databaseServices = LONG_RUNNING.filter((name) => schemaReads(name, 'DATABASE_URL'));
      expect(databaseServices).toEqual(['discovery', 'normaliser', 'api']);
      for (const name of databaseServices) {
        expect(new URL(required(envOf(name), 'DATABASE_URL'))).toMatchObject({
          protocol: 'postgres:',
          username: APP_ROLE,
          password: required(migrate, 'PALISADE_APP_ROLE_PASSWORD'),
          hostname: 'postgres',
          port: '5432',
          pathname: `/${database}`,
        });
      }
      expect(owner).not.toBe(APP_ROLE);
      expect(required(migrate, 'PALISADE_APP_ROLE_PASSWORD')).toBe(
        filledEnv.PALISADE_APP_ROLE_PASSWORD,
      );
    });

    it('should start the services only after migrate has completed against a healthy Postgres', () => {
      for (const name of LONG_RUNNING) {
        expect({ name, depends_on: service(name).depends_on }).toEqual({
          name,
          depends_on: {
            migrate: { condition: 'service_completed_successfully' },
            kafka: { condition: 'service_healthy' },
            postgres: { condition: 'service_healthy' },
          },
        });
        expect(service(name).restart).toBe('unless-stopped');
      }
      expect(service('migrate')).toMatchObject({
        depends_on: { postgres: { condition: 'service_healthy' } },
        restart: 'no',
        healthcheck: { disable: true },
      });
      for (const name of ['kafka', 'postgres']) {
        expect(service(name).healthcheck?.test?.length).toBeGreaterThan(1);
      }
    });

    it.each(Object.keys(SCHEMAS))(
      '%s should run unprivileged on a read-only root with a writable /tmp',
      (name) => {
        const entry = service(name);
        expect(entry).toMatchObject({
          read_only: true,
          user: '10001:10001',
          cap_drop: ['ALL'],
          security_opt: expect.arrayContaining(['no-new-privileges:true']) as unknown,
        });
        expect([entry.tmpfs].flat()).toContain('/tmp');
      },
    );

    it('should publish the api on loopback only, and nothing else', () => {
      expect(service('api').ports?.map(portMapping)).toEqual([
        { host_ip: '127.0.0.1', published: required(filledEnv, 'PALISADE_API_PORT'), target: 8080 },
      ]);
      const published = Object.entries(project.services)
        .filter(([, entry]) => (entry.ports ?? []).length > 0)
        .map(([name]) => name);
      expect(published).toEqual(['api']);
    });

    it('should run two scanners', () => {
      expect(service('scanner').deploy?.replicas).toBe(2);
    });
  });

  describe('Kafka and Postgres', () => {
    it('should run the Kafka version the tests run, as one KRaft node', () => {
      const kafka = service('kafka');
      expect(kafka.image).toBe(`apache/kafka:${testsKafkaVersion()}`);
      const env = envOf('kafka');
      expect(required(env, 'KAFKA_PROCESS_ROLES').split(',').sort()).toEqual([
        'broker',
        'controller',
      ]);
      const bound = listeners(required(env, 'KAFKA_LISTENERS'));
      const controllerNames = required(env, 'KAFKA_CONTROLLER_LISTENER_NAMES').split(',');
      const controller = bound.get(controllerNames[0] ?? '');
      expect(controllerNames).toHaveLength(1);
      expect(required(env, 'KAFKA_CONTROLLER_QUORUM_VOTERS')).toBe(
        `${required(env, 'KAFKA_NODE_ID')}@kafka:${controller?.port}`,
      );
      const protocols = new Map(
        required(env, 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP')
          .split(',')
          .map((pair) => pair.split(':') as [string, string]),
      );
      expect([...protocols.keys()].sort()).toEqual([...bound.keys()].sort());

      const internal = [...bound.entries()].filter(([name]) => !controllerNames.includes(name));
      for (const [key, value] of Object.entries(env).filter(([key]) =>
        /REPLICATION_FACTOR|MIN_ISR/.test(key),
      )) {
        expect({ key, value }).toEqual({ key, value: '1' });
      }
      expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(internal).toHaveLength(1);
      expect(required(env, 'KAFKA_INTER_BROKER_LISTENER_NAME')).toBe(internal[0]?.[0]);
      expect(kafka.volumes).toContain(`kafka-data:${required(env, 'KAFKA_LOG_DIRS')}`);
      expect(project.volumes).toHaveProperty('kafka-data');
    });

    it('should advertise the broker where KAFKA_BROKERS points, in plaintext on this network', () => {
      const env = envOf('kafka');
      const advertised = listeners(required(env, 'KAFKA_ADVERTISED_LISTENERS'));
      expect([...advertised.keys()]).toEqual([required(env, 'KAFKA_INTER_BROKER_LISTENER_NAME')]);
      const [name, { host, port }] = [...advertised.entries()][0] ?? ['', { host: '', port: 0 }];
      expect(listeners(required(env, 'KAFKA_LISTENERS')).get(name)?.port).toBe(port);
      expect(required(env, 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP').split(',')).toContain(
        `${name}:PLAINTEXT`,
      );
      expect([host, service('kafka').hostname]).toEqual(['kafka', 'kafka']);
      expect(service('kafka').healthcheck?.test).toContain(`${host}:${port}`);

      for (const consumer of LONG_RUNNING) {
        const serviceEnv = envOf(consumer);
        expect({ consumer, brokers: serviceEnv.KAFKA_BROKERS }).toEqual({
          consumer,
          brokers: `${host}:${port}`,
        });
        const config = loadConfig(schemaOf(consumer), serviceEnv) as {
          transport: string;
          kafka: { ssl: boolean; sasl: { mechanism: string }; topics: { provision: boolean } };
        };
        expect(config).toMatchObject({
          transport: 'kafka',
          kafka: { ssl: false, sasl: { mechanism: 'none' }, topics: { provision: true } },
        });
      }
      // The services create their topics; the broker must not invent them with defaults.
      expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    });

    it('should run the PostgreSQL major the tests run, with its data on a named volume', () => {
      const postgres = service('postgres');
      const image = /^postgres:(\d+)\.\d+$/.exec(postgres.image ?? '');
      expect(image?.[1]).toBe(testsPostgresMajor());
      expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
      expect(project.volumes).toHaveProperty('postgres-data');
      const env = envOf('postgres');
      expect(postgres.healthcheck?.test).toEqual(
        expect.arrayContaining([
          'pg_isready',
          required(env, 'POSTGRES_USER'),
          required(env, 'POSTGRES_DB'),
        ]),
      );
    });
  });
});
