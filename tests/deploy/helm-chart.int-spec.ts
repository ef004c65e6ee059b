// helm/palisade rendered with the pinned helm for the defaults, each example values file and a
// KEDA-over-SCRAM variant, then held against what a cluster and the services would say: helm
// lint, Kubernetes' own schemas (kubernetes-validate, strict) and KEDA's (committed under
// schemas/), checkov, the values schema, and each service's config schema (every variable a pod
// gets is one its service reads, and the service boots on it). No cluster is needed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { configVariables, loadConfig, IMAGE_COMMAND_SCHEMAS } from '@palisade/config';
import { Topics } from '@palisade/contracts';
import {
  CHART_DIR,
  type Container,
  helmBinary,
  type K8sObject,
  KEDA_API,
  KUBE_VERSION,
  VALIDATED_VERSIONS,
  networkPolicySpecOf,
  type NetworkPolicyRule,
  parseManifests,
  parseYaml,
  podAnnotationsOf,
  podSpecOf,
  pytool,
  Rendered,
  runTool,
} from './support/helm-chart';

interface ValueSet {
  readonly label: string;
  readonly args: readonly string[];
  /** Renders KEDA objects, so needs the KEDA API among the cluster's capabilities. */
  readonly keda: boolean;
}

const example = (name: string) => ['-f', join(CHART_DIR, 'examples', `${name}.yaml`)];

const VALUE_SETS: readonly ValueSet[] = [
  { label: 'defaults', args: [], keda: false },
  { label: 'minimal', args: example('minimal'), keda: false },
  { label: 'production-msk-keda', args: example('production-msk-keda'), keda: true },
  { label: 'mssp-fleet', args: example('mssp-fleet'), keda: false },
  {
    label: 'mssp-fleet+keda',
    args: [
      ...example('mssp-fleet'),
      '--set',
      'scanner.keda.enabled=true,normaliser.keda.enabled=true',
    ],
    keda: true,
  },
];
const LABELS = VALUE_SETS.map((set) => set.label);
const SERVICES = ['discovery', 'scanner', 'normaliser', 'api'] as const;
const COMPONENT = 'app.kubernetes.io/component';

const SCHEMAS = IMAGE_COMMAND_SCHEMAS;

/** What an operator puts in the Secrets the chart references, in the formats the schemas take. */
const SECRET_VALUES: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgres://palisade_app:app-password@db.internal:5432/palisade',
  DATABASE_MIGRATIONS_URL: 'postgres://palisade_owner:owner-password@db.internal:5432/palisade',
  PALISADE_APP_ROLE_PASSWORD: randomBytes(24).toString('hex'),
  KAFKA_SASL_USERNAME: 'palisade',
  KAFKA_SASL_PASSWORD: randomBytes(24).toString('base64'),
  // `npm run -s operator-key` and `openssl rand -base64 32`.
  OPERATOR_KEY: `pal_op_${randomBytes(32).toString('base64url')}`,
  WEBHOOK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

/** The checks the templates skip, each with its reason in a `checkov.io/skip<N>` annotation. */
const DOCUMENTED_SKIPS = ['CKV_K8S_15', 'CKV_K8S_35', 'CKV_K8S_43'];

const KEDA_SCHEMA_DIR = resolve(__dirname, 'schemas/keda-2.16.1');

let helm: string;
const rendered = new Map<string, Rendered>();
let workDir: string;

function renderedFor(label: string): Rendered {
  const found = rendered.get(label);
  if (found === undefined) throw new Error(`no render for ${label}`);
  return found;
}

function templateArgs(set: Pick<ValueSet, 'args' | 'keda'>): string[] {
  return [
    'template',
    'palisade',
    CHART_DIR,
    '--namespace',
    'palisade',
    '--kube-version',
    KUBE_VERSION,
    ...(set.keda ? ['--api-versions', KEDA_API] : []),
    ...set.args,
  ];
}

async function render(set: Pick<ValueSet, 'label' | 'args' | 'keda'>): Promise<Rendered> {
  const result = await runTool(helm, templateArgs(set));
  if (result.code !== 0) throw new Error(`helm template (${set.label}) failed:\n${result.stderr}`);
  return new Rendered(set.label, parseManifests(result.stdout));
}

function isKeda(object: K8sObject): boolean {
  return object.apiVersion === KEDA_API;
}

function componentOf(object: K8sObject): string {
  const component = object.metadata.labels?.[COMPONENT];
  if (component === undefined)
    throw new Error(`${object.kind} ${object.metadata.name}: no ${COMPONENT}`);
  return component;
}

function onlyContainer(workload: K8sObject): Container {
  const { containers } = podSpecOf(workload);
  expect(containers).toHaveLength(1);
  return containers[0] as Container;
}

function deploymentOf(set: Rendered, service: string): K8sObject {
  return set.get('Deployment', `palisade-${service}`);
}

/** The plain value a service's container gets for a variable (from its ConfigMap or env). */
function envValue(set: Rendered, service: string, name: string): string | undefined {
  return set.environmentOf(onlyContainer(deploymentOf(set, service))).get(name)?.value;
}

function portsOf(rule: NetworkPolicyRule): (number | string | undefined)[] {
  return (rule.ports ?? []).map((port) => port.port);
}

beforeAll(async () => {
  helm = await helmBinary();
  workDir = mkdtempSync(join(tmpdir(), 'palisade-helm-'));
  const all = await Promise.all(VALUE_SETS.map((set) => render(set)));
  for (const set of all) rendered.set(set.label, set);
}, 120_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('helm lint --strict', () => {
  it.each(VALUE_SETS)('should pass cleanly with $label', async ({ args }) => {
    const result = await runTool(helm, [
      'lint',
      '--strict',
      CHART_DIR,
      '--kube-version',
      KUBE_VERSION,
      ...args,
    ]);

    expect({
      code: result.code,
      problems: result.stdout.match(/^\[(WARNING|ERROR)\].*$/gm),
    }).toEqual({
      code: 0,
      problems: null,
    });
  });
});

describe('the rendered manifests against the Kubernetes and KEDA schemas', () => {
  const validateOutput: Record<string, string> = {};
  const ajv = new Ajv({ allErrors: true, strict: true });
  const kedaSchemas: Readonly<Record<string, ValidateFunction>> = {
    ScaledObject: ajv.compile(
      JSON.parse(readFileSync(join(KEDA_SCHEMA_DIR, 'scaledobject.keda.sh-v1alpha1.json'), 'utf8')),
    ),
    TriggerAuthentication: ajv.compile(
      JSON.parse(
        readFileSync(join(KEDA_SCHEMA_DIR, 'triggerauthentication.keda.sh-v1alpha1.json'), 'utf8'),
      ),
    ),
  };

  function kedaErrors(object: K8sObject): string[] {
    const validate = kedaSchemas[object.kind];
    if (validate === undefined) return [`no KEDA schema for ${object.kind}`];
    return validate(object)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
  }

  beforeAll(async () => {
    const files = VALUE_SETS.map(({ label }) => {
      const file = join(workDir, `${label}.core.yaml`);
      const core = renderedFor(label).objects.filter((object) => !isKeda(object));
      // JSON is YAML: one document per object.
      writeFileSync(file, core.map((object) => JSON.stringify(object)).join('\n---\n'));
      return file;
    });
    // The oldest cluster the chart allows (Chart.yaml kubeVersion) and the newest the validator knows.
    const results = await Promise.all(
      VALIDATED_VERSIONS.map((version) =>
        pytool('kubernetes-validate', ['--strict', '--kubernetes-version', version, ...files]),
      ),
    );
    VALIDATED_VERSIONS.forEach((version, i) => {
      validateOutput[version] = `${results[i]?.stdout ?? ''}${results[i]?.stderr ?? ''}`;
    });
  }, 120_000);

  it.each(LABELS.flatMap((label) => VALIDATED_VERSIONS.map((version) => [label, version])))(
    'should validate every core object of %s, strictly, for Kubernetes %s',
    (label, version) => {
      const core = renderedFor(label).objects.filter((object) => !isKeda(object));
      const lines = (validateOutput[version] ?? '')
        .split('\n')
        .filter((line) => line.includes(`/${label}.core.yaml `));

      expect(lines.filter((line) => !line.startsWith('INFO'))).toEqual([]);
      expect(lines.filter((line) => line.includes(' passed for resource '))).toHaveLength(
        core.length,
      );
    },
  );

  it.each(LABELS)('should validate every KEDA object of %s against KEDA 2.16.1', (label) => {
    const keda = renderedFor(label).objects.filter(isKeda);

    expect(
      Object.fromEntries(keda.map((o) => [`${o.kind}/${o.metadata.name}`, kedaErrors(o)])),
    ).toEqual(Object.fromEntries(keda.map((o) => [`${o.kind}/${o.metadata.name}`, []])));
  });

  it('should refuse a broken ScaledObject and TriggerAuthentication', () => {
    const set = renderedFor('production-msk-keda');
    const scaled = set.get('ScaledObject', 'palisade-scanner');
    const spec = scaled.spec as { scaleTargetRef: unknown; triggers: { metadata: object }[] };
    const withoutTarget = Object.fromEntries(
      Object.entries(spec).filter(([key]) => key !== 'scaleTargetRef'),
    );
    const brokenScaled = {
      ...scaled,
      spec: {
        ...withoutTarget,
        triggers: [{ ...spec.triggers[0], metadata: { lagThreshold: 12 } }],
        maxReplicas: 24,
      },
    };
    const auth = set.get('TriggerAuthentication', 'palisade-kafka');
    const brokenAuth = { ...auth, spec: { podIdentity: { provider: 'aws-irsa' } } };

    expect(kedaErrors(brokenScaled as K8sObject)).toEqual(
      expect.arrayContaining([
        "/spec must have required property 'scaleTargetRef'",
        '/spec must NOT have additional properties',
        '/spec/triggers/0/metadata/lagThreshold must be string',
      ]),
    );
    expect(kedaErrors(brokenAuth as K8sObject)).toEqual([
      '/spec/podIdentity/provider must be equal to one of the allowed values',
    ]);
    expect(kedaErrors(scaled)).toEqual([]);
  });
});

describe('checkov', () => {
  interface CheckovCheck {
    readonly check_id: string;
    readonly file_path: string;
    readonly resource: string;
    readonly check_result: { readonly suppress_comment?: string };
  }
  interface CheckovReport {
    readonly check_type: string;
    readonly results: {
      readonly passed_checks: readonly CheckovCheck[];
      readonly failed_checks: readonly CheckovCheck[];
      readonly skipped_checks: readonly CheckovCheck[];
      readonly parsing_errors: readonly string[];
    };
  }
  let report: CheckovReport;

  beforeAll(async () => {
    // One run over every render: checkov takes tens of seconds to start.
    const dir = join(workDir, 'checkov');
    mkdirSync(dir);
    for (const { label } of VALUE_SETS) {
      const objects = renderedFor(label).objects;
      writeFileSync(
        join(dir, `${label}.yaml`),
        objects.map((o) => JSON.stringify(o)).join('\n---\n'),
      );
    }
    const result = await pytool('checkov', [
      '--directory',
      dir,
      '--framework',
      'kubernetes',
      '--skip-download',
      '--output',
      'json',
    ]);
    const parsed = JSON.parse(result.stdout) as CheckovReport | CheckovReport[];
    const reports = Array.isArray(parsed) ? parsed : [parsed];
    const kubernetes = reports.find((r) => r.check_type === 'kubernetes');
    if (kubernetes === undefined)
      throw new Error(`checkov ran no kubernetes checks:\n${result.stdout}`);
    report = kubernetes;
  }, 300_000);

  const inFile = (label: string) => (check: CheckovCheck) => check.file_path === `/${label}.yaml`;

  it.each(LABELS)('should find no failed check in %s', (label) => {
    expect(report.results.parsing_errors).toEqual([]);
    expect(report.results.passed_checks.filter(inFile(label)).length).toBeGreaterThan(100);
    expect(
      report.results.failed_checks
        .filter(inFile(label))
        .map((check) => `${check.check_id} ${check.resource}`),
    ).toEqual([]);
  });

  it.each(LABELS)('should skip only the documented checks in %s, each with its reason', (label) => {
    const skipped = report.results.skipped_checks.filter(inFile(label));

    for (const check of skipped) {
      expect(DOCUMENTED_SKIPS).toContain(check.check_id);
      expect(check.check_result.suppress_comment?.length ?? 0).toBeGreaterThan(40);
    }
  });
});

describe('values.schema.json', () => {
  it.each<[string, string[], string]>([
    ['a tag with a space', ['--set', 'image.tag=1.0 beta'], "at '/image/tag'"],
    ['a digest that is not sha256', ['--set', 'image.digest=md5:abc'], "at '/image/digest'"],
    ['zero replicas', ['--set', 'api.replicas=0'], "at '/api/replicas'"],
    ['a log level of another logger', ['--set', 'logLevel=verbose'], "at '/logLevel'"],
    [
      'an unknown SASL mechanism',
      ['--set', 'kafka.sasl.mechanism=plain'],
      "at '/kafka/sasl/mechanism'",
    ],
    [
      'SCRAM without the Secret holding its credentials',
      ['--set', 'kafka.sasl.mechanism=scram-sha-256'],
      "at '/kafka/sasl/existingSecret'",
    ],
    [
      'a Kafka CA without TLS (the services would ignore it)',
      ['--set', 'kafka.tls.caSecret.name=kafka-ca'],
      "at '/kafka/tls/caSecret/name'",
    ],
    ['a pool size as text', ['--set-string', 'database.poolSize=ten'], "at '/database/poolSize'"],
    ['no broker', ['--set-json', 'kafka.brokers=[]'], "at '/kafka/brokers'"],
    [
      'a broker without its port',
      ['--set-json', 'kafka.brokers=["kafka"]'],
      "at '/kafka/brokers/0'",
    ],
    [
      'too many partitions',
      ['--set', 'kafka.topics.partitions.jobs=20000'],
      "at '/kafka/topics/partitions/jobs'",
    ],
    [
      'a scanner setting outside its range',
      ['--set', 'scanner.tuning.jobConcurrency=0'],
      "at '/scanner/tuning/jobConcurrency'",
    ],
    [
      'a misspelt scanner setting',
      ['--set', 'scanner.tuning.jobConcurency=4'],
      "at '/scanner/tuning': additional properties 'jobConcurency' not allowed",
    ],
    [
      'a misspelt top-level key',
      ['--set', 'replicaCount=3'],
      "at '': additional properties 'replicaCount' not allowed",
    ],
    [
      'a role ARN that is not one',
      ['--set', 'serviceAccount.roleArn=PalisadeHubRole'],
      "at '/serviceAccount/roleArn'",
    ],
    ['an ingress without a host', ['--set', 'ingress.enabled=true'], "at '/ingress/hosts'"],
  ])('should refuse %s, naming the field', async (_case, args, field) => {
    const result = await runTool(helm, templateArgs({ args, keda: false }));

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toContain(field);
  });

  it('should refuse KEDA scaling where the cluster has no KEDA', async () => {
    const result = await runTool(
      helm,
      templateArgs({ args: example('production-msk-keda'), keda: false }),
    );

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('need KEDA (keda.sh/v1alpha1) in the cluster');
  });
});

describe('each service gets exactly the variables its config schema reads', () => {
  it.each(LABELS)('should hold for every workload of %s, and the service boot on them', (label) => {
    const set = renderedFor(label);
    const problems: Record<string, unknown> = {};
    for (const workload of set.workloads()) {
      const component = componentOf(workload);
      const schema = SCHEMAS[component];
      if (schema === undefined) throw new Error(`no config schema for ${component}`);
      const container = onlyContainer(workload);
      const env = set.environmentOf(container);
      const reads = new Map(configVariables(schema).map((v) => [v.name, v.secret]));

      const unread = [...env.keys()].filter((name) => !reads.has(name));
      const secretInTheOpen = [...env].filter(
        ([name, s]) => reads.get(name) === true && s.secret === undefined,
      );
      const filled = Object.fromEntries(
        [...env].map(([name, source]) => {
          if (source.secret === undefined) return [name, source.value];
          const value = SECRET_VALUES[name];
          if (value === undefined) throw new Error(`no placeholder for the secret ${name}`);
          return [name, value];
        }),
      );
      let bootError: string | undefined;
      try {
        loadConfig(schema, filled);
      } catch (error) {
        bootError = (error as Error).message;
      }
      if (unread.length > 0 || secretInTheOpen.length > 0 || bootError !== undefined) {
        problems[workload.metadata.name] = {
          unread,
          secretInTheOpen: secretInTheOpen.map(([n]) => n),
          bootError,
        };
      }
      expect(container.args).toEqual([component]);
    }

    expect(problems).toEqual({});
    expect(set.workloads().map(componentOf).sort()).toEqual([
      'api',
      'discovery',
      'migrate',
      'normaliser',
      'scanner',
    ]);
  });

  it.each(LABELS)('should give the scanner no database in %s', (label) => {
    const set = renderedFor(label);
    const env = set.environmentOf(onlyContainer(deploymentOf(set, 'scanner')));
    const egress = networkPolicySpecOf(set.get('NetworkPolicy', 'palisade-scanner')).egress ?? [];

    expect([...env.keys()].filter((name) => name.startsWith('DATABASE_'))).toEqual([]);
    expect(egress.flatMap(portsOf)).not.toContain(5432);
  });

  it('should mount a private Kafka CA where KAFKA_SSL_CA_FILE points, read-only', () => {
    const set = renderedFor('mssp-fleet');
    for (const service of SERVICES) {
      const deployment = deploymentOf(set, service);
      const container = onlyContainer(deployment);
      const mount = container.volumeMounts?.find((m) => m.mountPath === '/etc/palisade/kafka-ca');
      const volume = podSpecOf(deployment).volumes?.find((v) => v.name === mount?.name);

      expect(envValue(set, service, 'KAFKA_SSL')).toBe('true');
      expect(envValue(set, service, 'KAFKA_SSL_CA_FILE')).toBe('/etc/palisade/kafka-ca/ca.crt');
      expect(mount?.readOnly).toBe(true);
      expect(volume?.secret).toEqual({
        secretName: 'palisade-kafka-ca',
        defaultMode: 0o444,
        items: [{ key: 'ca.crt', path: 'ca.crt' }],
      });
    }
  });

  it('should roll a service only when its own settings change', async () => {
    const checksums = async (args: string[]) => {
      const set = await render({ label: args.join(' '), args, keda: false });
      return Object.fromEntries(
        SERVICES.map((s) => [s, podAnnotationsOf(deploymentOf(set, s))['checksum/config']]),
      );
    };
    const base = await checksums([]);
    const tuned = await checksums(['--set', 'scanner.tuning.jobConcurrency=8']);
    const pooled = await checksums(['--set', 'database.poolSize=20']);

    expect(SERVICES.filter((s) => tuned[s] !== base[s])).toEqual(['scanner']);
    expect(SERVICES.filter((s) => pooled[s] !== base[s])).toEqual([
      'discovery',
      'normaliser',
      'api',
    ]);
  });
});

describe('scaling', () => {
  const kafkaTrigger = (scaled: K8sObject) =>
    (scaled.spec as { triggers: { type: string; metadata: Record<string, string> }[] }).triggers[0];

  it.each(['production-msk-keda', 'mssp-fleet+keda'])(
    'should let KEDA alone scale the scanner and the normaliser on their own lag (%s)',
    (label) => {
      const set = renderedFor(label);
      const watched = { scanner: Topics.scanJobs, normaliser: Topics.findingsRaw };
      for (const [service, topic] of Object.entries(watched)) {
        const trigger = kafkaTrigger(set.get('ScaledObject', `palisade-${service}`));
        const prefix = (name: string) => envValue(set, service, name) ?? '';

        expect(set.find('HorizontalPodAutoscaler', `palisade-${service}`)).toBeUndefined();
        expect(deploymentOf(set, service).spec?.replicas).toBeUndefined();
        expect(trigger?.type).toBe('kafka');
        expect(trigger?.metadata).toMatchObject({
          bootstrapServers: envValue(set, service, 'KAFKA_BROKERS'),
          topic: `${prefix('KAFKA_TOPIC_PREFIX')}${topic.name}`,
          consumerGroup: `${prefix('KAFKA_GROUP_PREFIX')}${topic.consumers[0]?.group ?? ''}`,
          tls: 'enable',
        });
      }
    },
  );

  it('should read the lag over MSK IAM the way the services connect', () => {
    const set = renderedFor('production-msk-keda');
    const auth = set.get('TriggerAuthentication', 'palisade-kafka');

    expect(kafkaTrigger(set.get('ScaledObject', 'palisade-scanner'))?.metadata).toMatchObject({
      sasl: 'oauthbearer',
      saslTokenProvider: 'aws_msk_iam',
      awsRegion: envValue(set, 'scanner', 'KAFKA_AWS_REGION'),
    });
    expect(auth.spec).toEqual({ podIdentity: { provider: 'aws', identityOwner: 'keda' } });
  });

  it('should read the lag over SCRAM with the services’ credentials and CA', () => {
    const set = renderedFor('mssp-fleet+keda');
    const env = set.environmentOf(onlyContainer(deploymentOf(set, 'normaliser')));
    const [secret, usernameKey] = (env.get('KAFKA_SASL_USERNAME')?.secret ?? '').split('/');
    const [, passwordKey] = (env.get('KAFKA_SASL_PASSWORD')?.secret ?? '').split('/');

    expect(kafkaTrigger(set.get('ScaledObject', 'palisade-normaliser'))?.metadata.sasl).toBe(
      'scram_sha512',
    );
    expect(set.get('TriggerAuthentication', 'palisade-kafka').spec).toEqual({
      secretTargetRef: [
        { parameter: 'username', name: secret, key: usernameKey },
        { parameter: 'password', name: secret, key: passwordKey },
        { parameter: 'ca', name: 'palisade-kafka-ca', key: 'ca.crt' },
      ],
    });
  });

  it.each(['defaults', 'mssp-fleet'])(
    'should scale the scanner and the normaliser on CPU in %s',
    (label) => {
      const set = renderedFor(label);

      expect(set.ofKind('ScaledObject')).toEqual([]);
      for (const service of ['scanner', 'normaliser']) {
        const hpa = set.get('HorizontalPodAutoscaler', `palisade-${service}`);
        expect(hpa.spec).toMatchObject({
          scaleTargetRef: { kind: 'Deployment', name: `palisade-${service}` },
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } },
          ],
        });
        expect(deploymentOf(set, service).spec?.replicas).toBeUndefined();
      }
      expect(set.ofKind('HorizontalPodAutoscaler')).toHaveLength(2);
    },
  );

  it.each(LABELS)('should never scale a consumer past its topic’s partitions in %s', (label) => {
    const set = renderedFor(label);
    const partitionsOf = {
      scanner: 'KAFKA_PARTITIONS_JOBS',
      normaliser: 'KAFKA_PARTITIONS_FINDINGS_RAW',
    };
    for (const [service, variable] of Object.entries(partitionsOf)) {
      const partitions = Number(envValue(set, service, variable));
      const hpa = set.find('HorizontalPodAutoscaler', `palisade-${service}`)?.spec?.maxReplicas;
      const keda = set.find('ScaledObject', `palisade-${service}`)?.spec?.maxReplicaCount;
      const replicas = deploymentOf(set, service).spec?.replicas;

      expect(Number(hpa ?? keda ?? replicas)).toBeLessThanOrEqual(partitions);
    }
  });

  it('should give running scans their drain time before the kubelet kills a scanner', () => {
    const set = renderedFor('mssp-fleet');
    const drainMs = Number(envValue(set, 'scanner', 'SCANNER_DRAIN_MS'));
    const grace = (
      deploymentOf(set, 'scanner').spec as {
        template: { spec: { terminationGracePeriodSeconds: number } };
      }
    ).template.spec.terminationGracePeriodSeconds;

    expect(grace * 1000).toBeGreaterThan(drainMs);
  });
});

describe('identity and network', () => {
  it('should run every service as the IRSA hub role with MSK IAM over TLS', () => {
    const set = renderedFor('production-msk-keda');
    const values = parseYaml(
      readFileSync(join(CHART_DIR, 'examples/production-msk-keda.yaml'), 'utf8'),
    ) as {
      serviceAccount: { roleArn: string };
      kafka: { awsRegion: string };
    };
    const account = set.get('ServiceAccount', 'palisade');

    expect(account.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBe(
      values.serviceAccount.roleArn,
    );
    for (const service of SERVICES) {
      expect(podSpecOf(deploymentOf(set, service)).serviceAccountName).toBe('palisade');
      expect({
        mechanism: envValue(set, service, 'KAFKA_SASL_MECHANISM'),
        ssl: envValue(set, service, 'KAFKA_SSL'),
        region: envValue(set, service, 'KAFKA_AWS_REGION'),
      }).toEqual({ mechanism: 'aws', ssl: 'true', region: values.kafka.awsRegion });
    }
    expect(envValue(set, 'api', 'HUB_PRINCIPAL_ARN')).toBe(values.serviceAccount.roleArn);
  });

  it.each(['defaults', 'minimal', 'mssp-fleet'])(
    'should keep AWS credentials from the normaliser when Kafka is not MSK IAM (%s)',
    (label) => {
      const set = renderedFor(label);
      const account = podSpecOf(deploymentOf(set, 'normaliser')).serviceAccountName ?? '';

      expect(account).toBe('palisade-normaliser');
      expect(set.get('ServiceAccount', account).metadata.annotations).toBeUndefined();
      const egress =
        networkPolicySpecOf(set.get('NetworkPolicy', 'palisade-normaliser')).egress ?? [];
      expect(egress.flatMap(portsOf)).not.toContain(443);
    },
  );

  it.each(LABELS)('should deny by default and let only the api take requests in %s', (label) => {
    const set = renderedFor(label);
    const deny = networkPolicySpecOf(set.get('NetworkPolicy', 'palisade-default-deny'));
    const metricsOnly = (rule: NetworkPolicyRule) =>
      JSON.stringify(rule.from) ===
      JSON.stringify([
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
          podSelector: {},
        },
      ]);

    expect(deny).toEqual({
      podSelector: {
        matchLabels: {
          'app.kubernetes.io/name': 'palisade',
          'app.kubernetes.io/instance': 'palisade',
        },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
    const policies = SERVICES.map((service) =>
      networkPolicySpecOf(set.get('NetworkPolicy', `palisade-${service}`)),
    );
    const requests = Object.fromEntries(
      SERVICES.map((service, i) => [
        service,
        (policies[i]?.ingress ?? []).filter((rule) => !metricsOnly(rule)),
      ]),
    );
    const egress = policies.flatMap((policy) => policy.egress ?? []);
    const refusesMetadataService = (rule: NetworkPolicyRule) =>
      (rule.to ?? []).some((peer) => {
        const block = peer.ipBlock as { cidr?: string; except?: string[] } | undefined;
        return block?.cidr === '0.0.0.0/0' && (block.except ?? []).includes('169.254.169.254/32');
      });

    expect(policies.map((policy) => policy.policyTypes)).toEqual(
      SERVICES.map(() => ['Ingress', 'Egress']),
    );
    expect(policies.map((policy) => policy.egress?.[0]?.ports)).toEqual(
      SERVICES.map(() => [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ]),
    );
    expect({ ...requests, api: requests.api?.length }).toEqual({
      discovery: [],
      scanner: [],
      normaliser: [],
      api: 1,
    });
    expect(requests.api?.[0]?.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    expect(requests.api?.[0]?.from).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
    });
    expect(
      egress.filter((rule) => portsOf(rule).includes(443)).map(refusesMetadataService),
    ).toEqual(egress.filter((rule) => portsOf(rule).includes(443)).map(() => true));
  });
});

describe('the migration Job', () => {
  it.each(LABELS)('should run before install and upgrade on hook objects only (%s)', (label) => {
    const set = renderedFor(label);
    const job = set.get('Job', 'palisade-migrate');
    const pod = podSpecOf(job);
    const container = onlyContainer(job);
    const hookOf = (object: K8sObject) => object.metadata.annotations?.['helm.sh/hook'];
    const weightOf = (object: K8sObject) =>
      Number(object.metadata.annotations?.['helm.sh/hook-weight'] ?? 0);
    const account = set.get('ServiceAccount', pod.serviceAccountName ?? '');
    const policy = set.get('NetworkPolicy', 'palisade-migrate');

    expect(hookOf(job)).toBe('pre-install,pre-upgrade');
    expect(job.metadata.annotations?.['helm.sh/hook-delete-policy']).toContain(
      'before-hook-creation',
    );
    expect(job.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 600 });
    // Nothing the Job uses may be a plain release object: at pre-install none exists yet.
    for (const used of [account, policy]) {
      expect(hookOf(used)).toBe('pre-install,pre-upgrade');
      expect(weightOf(used)).toBeLessThan(weightOf(job));
    }
    expect(container.envFrom).toBeUndefined();
    expect(container.env?.map((v) => [v.name, v.valueFrom?.secretKeyRef?.name])).toEqual([
      ['DATABASE_MIGRATIONS_URL', 'palisade-database'],
      ['PALISADE_APP_ROLE_PASSWORD', 'palisade-database'],
    ]);
    expect(set.find('Secret', 'palisade-database')).toBeUndefined();
    expect((networkPolicySpecOf(policy).egress ?? []).map(portsOf)).toEqual([[53, 53], [5432]]);
  });
});

describe('pods', () => {
  it.each(LABELS)('should run every container of %s locked down', (label) => {
    const set = renderedFor(label);
    for (const workload of set.workloads()) {
      const pod = podSpecOf(workload);
      const container = onlyContainer(workload);
      const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');

      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    }
  });

  it.each(LABELS)('should probe, spread and budget every service of %s', (label) => {
    const set = renderedFor(label);
    for (const service of SERVICES) {
      const deployment = deploymentOf(set, service);
      const container = onlyContainer(deployment);
      const pod = podSpecOf(deployment);

      expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(envValue(set, service, 'PORT')).toBe('8080');
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(
        pod.topologySpreadConstraints?.map((c) => [c.topologyKey, c.whenUnsatisfiable]),
      ).toEqual([
        ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
        ['kubernetes.io/hostname', 'ScheduleAnyway'],
      ]);
    }
  });

  it.each(LABELS)(
    'should budget disruptions of exactly the pods of each service in %s',
    (label) => {
      const set = renderedFor(label);
      const selectorOf = (object: K8sObject) => (object.spec as { selector: unknown }).selector;
      const budgets = set.ofKind('PodDisruptionBudget');

      expect(budgets.map(selectorOf)).toEqual(
        budgets.map((budget) => selectorOf(set.get('Deployment', budget.metadata.name))),
      );
    },
  );

  it('should pin the image by the chart’s appVersion, or by digest when given', () => {
    const chart = parseYaml(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as {
      appVersion: string;
    };
    const images = (label: string) =>
      new Set(
        renderedFor(label)
          .workloads()
          .map((w) => onlyContainer(w).image),
      );

    expect(images('defaults')).toEqual(
      new Set([`ghcr.io/palisade-project/palisade:${chart.appVersion}`]),
    );
    expect([...images('production-msk-keda')]).toEqual([
      expect.stringMatching(
        new RegExp(`^ghcr\\.io/palisade-project/palisade:${chart.appVersion}@sha256:[a-f0-9]{64}$`),
      ),
    ]);
  });
});
