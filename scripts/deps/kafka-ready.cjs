#!/usr/bin/env node
// Readiness probe for the test Kafka broker (used by scripts/deps/kafka.sh).
//
//   node scripts/deps/kafka-ready.cjs --brokers 127.0.0.1:9092 [--timeout 60] [--pid 1234]
//
// Retries until the broker answers a metadata request with at least one broker
// (kafkajs admin.describeCluster()), then prints the cluster id and exits 0.
// Exits 1 on timeout, or as soon as the process named by --pid has died.
//
// Uses kafkajs from the project's node_modules (or NODE_PATH). When kafkajs is
// not installed yet (e.g. deps are started before `npm ci`), it falls back to
// a raw Metadata v4 request over a plain socket, which needs nothing but Node.
'use strict';

const net = require('node:net');

function parseArgs(argv) {
  const out = { brokers: '127.0.0.1:9092', timeout: 60, pid: 0, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--brokers') out.brokers = argv[++i];
    else if (a === '--timeout') out.timeout = Number(argv[++i]);
    else if (a === '--pid') out.pid = Number(argv[++i]);
    else if (a === '--quiet') out.quiet = true;
    else {
      console.error(`kafka-ready: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return out;
}

function pidAlive(pid) {
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function loadKafkajs() {
  try {
    return require('kafkajs');
  } catch {
    try {
      // scripts/deps -> project root node_modules, independent of cwd.
      return require(require.resolve('kafkajs', { paths: [process.cwd(), `${__dirname}/../..`] }));
    } catch {
      return null;
    }
  }
}

async function probeKafkajs(kafkajs, brokers) {
  const kafka = new kafkajs.Kafka({
    clientId: 'palisade-kafka-ready',
    brokers,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const info = await admin.describeCluster();
    if (!info.brokers || info.brokers.length === 0) throw new Error('no brokers in metadata');
    return { clusterId: info.clusterId, brokers: info.brokers.length };
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// Raw Metadata v4 (topics = null, allow_auto_topic_creation = false).
function probeRaw(broker) {
  const [host, portStr] = broker.split(':');
  const port = Number(portStr);
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('palisade-kafka-ready');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let o = 0;
    o = body.writeInt16BE(3, o); // api_key Metadata
    o = body.writeInt16BE(4, o); // api_version
    o = body.writeInt32BE(42, o); // correlation_id
    o = body.writeInt16BE(clientId.length, o);
    o += clientId.copy(body, o);
    o = body.writeInt32BE(-1, o); // topics: null => all
    body.writeInt8(0, o); // allow_auto_topic_creation
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);

    let buf = Buffer.alloc(0);
    const sock = net.connect({ host, port });
    const done = (err, val) => {
      sock.destroy();
      if (err) reject(err);
      else resolve(val);
    };
    sock.setTimeout(2000, () => done(new Error('timeout')));
    sock.on('error', (e) => done(e));
    sock.on('connect', () => sock.write(Buffer.concat([size, body])));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      try {
        let p = 4;
        if (buf.readInt32BE(p) !== 42) throw new Error('bad correlation id');
        p += 4 + 4; // correlation_id, throttle_time_ms
        const n = buf.readInt32BE(p);
        p += 4;
        for (let i = 0; i < n; i++) {
          p += 4; // node_id
          p += 2 + buf.readInt16BE(p); // host
          p += 4; // port
          const rack = buf.readInt16BE(p);
          p += 2 + Math.max(rack, 0);
        }
        const cl = buf.readInt16BE(p);
        const clusterId = cl >= 0 ? buf.toString('utf8', p + 2, p + 2 + cl) : null;
        if (n < 1) throw new Error('no brokers in metadata');
        done(null, { clusterId, brokers: n });
      } catch (e) {
        done(e);
      }
    });
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const brokers = args.brokers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const kafkajs = loadKafkajs();
  const probe = kafkajs ? () => probeKafkajs(kafkajs, brokers) : () => probeRaw(brokers[0]);
  const via = kafkajs ? 'kafkajs' : 'raw metadata request (kafkajs not installed)';
  const deadline = Date.now() + args.timeout * 1000;
  let lastErr = null;
  for (;;) {
    if (!pidAlive(args.pid)) {
      console.error(`kafka-ready: broker process ${args.pid} exited`);
      process.exit(1);
    }
    try {
      const r = await probe();
      if (!args.quiet)
        console.log(`kafka-ready: cluster ${r.clusterId}, ${r.brokers} broker(s), via ${via}`);
      process.exit(0);
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(250);
  }
  console.error(
    `kafka-ready: ${args.brokers} not ready after ${args.timeout}s: ${lastErr && lastErr.message}`,
  );
  process.exit(1);
}

main().catch((e) => {
  console.error(`kafka-ready: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
