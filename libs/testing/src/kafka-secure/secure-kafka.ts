import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { toolsDir } from '../deps/tools-dir';

const run = promisify(execFile);
const root = resolve(__dirname, '../../../..');
const LOG4J_CONFIG = join(root, 'deps/kafka/log4j2.properties');
const LOG_DIR = join(root, 'test-output/kafka-secure');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export interface SecureKafkaOptions {
  /** Names the kept log: test-output/kafka-secure/<label>.log. */
  readonly label: string;
  /**
   * The listener's `connections.max.reauth.ms`: the broker closes a SASL connection this long
   * after it authenticated unless the client re-authenticates first. Unset: sessions never end.
   */
  readonly reauthMs?: number;
}

/** A single-node Kafka of one spec's own, reachable only over SASL_SSL (SCRAM-SHA-512). */
export interface SecureKafka {
  readonly brokers: readonly string[];
  /** The PEM certificate of the private CA that signed the broker's (unknown to system roots). */
  readonly caFile: string;
  /** A SCRAM-SHA-512 user added when the storage was formatted. */
  readonly username: string;
  readonly password: string;
  /** From launching the JVM to its first answered SASL_SSL metadata request. */
  readonly startMs: number;
  /** The broker's output; kept after `stop` for failures. */
  readonly logFile: string;
  logTail(lines?: number): string;
  /** Stops the broker (SIGTERM, SIGKILL after 15 s) and deletes its data, keys and certificates. */
  stop(): Promise<void>;
}

/**
 * The jars of the broker `scripts/deps/kafka.sh` runs for the int tier (the version it recorded
 * in its run directory), so no second download and the same broker version.
 */
function kafkaLibs(): string {
  const runDir = process.env['PALISADE_DEPS_RUN_DIR'];
  if (!runDir) {
    throw new Error(
      'PALISADE_DEPS_RUN_DIR is not set: run the integration tier (its globalSetup starts the ' +
        'shared broker whose jars this broker reuses), or `bash scripts/deps/up.sh` and load its env file',
    );
  }
  const version = readFileSync(join(runDir, 'kafka', 'version'), 'utf8').trim();
  const libs = join(toolsDir(), 'kafka', version, 'libs');
  if (!existsSync(join(libs, '.complete'))) {
    throw new Error(`no Kafka ${version} jars in ${libs}: run \`bash scripts/deps/up.sh kafka\``);
  }
  return libs;
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((ready, fail) => {
          const server = createServer();
          server.once('error', fail);
          server.listen(0, '127.0.0.1', () => ready(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  return ports;
}

/** Command-line words: spaces separate arguments (none of these contains one). */
const words = (line: string) => line.split(' ');

/** A CA and a broker certificate for 127.0.0.1 it signed (P-256 keys: quick to make). */
async function makeCertificates(dir: string): Promise<void> {
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  const newKey = words('-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes');
  await openssl(
    ...words('req -x509 -keyout ca.key -out ca.pem -days 2'),
    ...newKey,
    ...['-subj', '/CN=Palisade test CA'],
    ...words('-addext basicConstraints=critical,CA:TRUE'),
    ...words('-addext keyUsage=critical,keyCertSign,cRLSign'),
  );
  await openssl(...words('req -keyout broker.key -out broker.csr -subj /CN=127.0.0.1'), ...newKey);
  writeFileSync(
    join(dir, 'broker.ext'),
    'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n',
  );
  await openssl(
    ...words('x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2'),
    ...words('-out broker.pem -extfile broker.ext'),
  );
}

/** A java.util.Properties value: PEM blocks keep their line breaks as `\n`. */
const property = (value: string) => value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n');

function serverProperties(input: {
  dir: string;
  port: number;
  controllerPort: number;
  brokerPassword: string;
  reauthMs: number | undefined;
}): string {
  const { dir, port, controllerPort } = input;
  const pem = (name: string) => property(readFileSync(join(dir, name), 'utf8'));
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=SASL_SSL://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL',
    'inter.broker.listener.name=SASL_SSL',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required ' +
      `username="broker" password="${input.brokerPassword}";`,
    ...(input.reauthMs === undefined
      ? []
      : [`listener.name.sasl_ssl.scram-sha-512.connections.max.reauth.ms=${input.reauthMs}`]),
    // PEM key store given inline (an unencrypted key is accepted only that way); PEM trust
    // store as a file: the broker's own inter-broker client trusts the same CA.
    'ssl.keystore.type=PEM',
    `ssl.keystore.certificate.chain=${pem('broker.pem')}`,
    `ssl.keystore.key=${pem('broker.key')}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${join(dir, 'ca.pem')}`,
    `log.dirs=${join(dir, 'data')}`,
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'num.partitions=1',
    '',
  ].join('\n');
}

function tailOf(file: string, lines: number): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return done(child.exitCode ?? child.signalCode ?? -1);
    }
    child.once('exit', (code, signal) => done(code ?? signal ?? -1));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = exitOf(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), STOP_TIMEOUT_MS);
  });
  if ((await Promise.race([exited, gaveUp])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** Polls a real SASL_SSL metadata request until it is answered, the broker exits, or time is up. */
async function waitUntilReady(
  broker: Omit<SecureKafka, 'startMs' | 'stop'>,
  child: ChildProcess,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'secure-kafka-ready',
    brokers: [...broker.brokers],
    ssl: { ca: [readFileSync(broker.caFile, 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username: broker.username, password: broker.password },
    connectionTimeout: 1_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the secure Kafka broker exited (${String(child.exitCode ?? child.signalCode)}) before ` +
          `it was ready; ${broker.logFile}:\n${broker.logTail(40)}`,
      );
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `the secure Kafka broker was not ready after ${START_TIMEOUT_MS} ms ` +
            `(${error instanceof Error ? error.message : String(error)}); ${broker.logFile}:\n` +
            broker.logTail(40),
        );
      }
    } finally {
      await admin.disconnect();
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
  }
}

/**
 * Starts a second, private Kafka broker (KRaft, single node, 127.0.0.1 on free ports) whose
 * only client listener is SASL_SSL: a certificate signed by a throwaway CA made with `openssl`,
 * SCRAM-SHA-512 users added at format time. For specs of TLS and SASL, which the shared
 * plaintext broker cannot serve. Call `stop` in afterAll.
 */
export async function startSecureKafka(options: SecureKafkaOptions): Promise<SecureKafka> {
  const libs = kafkaLibs();
  const dir = mkdtempSync(join(tmpdir(), 'palisade-kafka-secure-'));
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${options.label}.log`);
  writeFileSync(logFile, '');
  const jvmArgs = (...args: string[]) => [
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp',
    join(libs, '*'),
    ...args,
  ];
  let child: ChildProcess | undefined;
  try {
    await makeCertificates(dir);
    const [port, controllerPort] = await freePorts(2);
    if (port === undefined || controllerPort === undefined) throw new Error('no free ports');
    const username = 'palisade';
    const password = randomBytes(18).toString('base64url');
    const brokerPassword = randomBytes(18).toString('base64url');
    const config = join(dir, 'server.properties');
    writeFileSync(
      config,
      serverProperties({ dir, port, controllerPort, brokerPassword, reauthMs: options.reauthMs }),
    );
    const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
    await run(
      'java',
      jvmArgs(
        ...words('kafka.tools.StorageTool format --standalone'),
        ...['-t', clusterId, '-c', config],
        ...['--add-scram', `SCRAM-SHA-512=[name=broker,password=${brokerPassword}]`],
        ...['--add-scram', `SCRAM-SHA-512=[name=${username},password=${password}]`],
      ),
      { cwd: dir, timeout: 60_000 },
    ).catch((error: { code?: unknown; stdout?: unknown; stderr?: unknown }) => {
      // Not error.message: it repeats the command line, passwords included.
      throw new Error(
        `formatting the secure Kafka broker's storage failed (${String(error.code)}):\n` +
          `${String(error.stdout)}\n${String(error.stderr)}`,
      );
    });

    const started = Date.now();
    const out = openSync(logFile, 'a');
    child = spawn(
      'java',
      [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true',
        ...jvmArgs('kafka.Kafka', config),
      ],
      { cwd: dir, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    const running = child;
    const broker = {
      brokers: [`127.0.0.1:${port}`],
      caFile: join(dir, 'ca.pem'),
      username,
      password,
      logFile,
      logTail: (lines = 40) => tailOf(logFile, lines),
    };
    await waitUntilReady(broker, running);
    return {
      ...broker,
      startMs: Date.now() - started,
      stop: async () => {
        await stopChild(running);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
