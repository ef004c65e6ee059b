// The Helm chart (helm/palisade) rendered with the pinned helm of scripts/tools/gotool.sh, and the
// parts of the rendered Kubernetes objects the chart's tests read.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const CHART_DIR = resolve(REPO_ROOT, 'helm/palisade');
/** The cluster version the manifests are rendered for. */
export const KUBE_VERSION = '1.33.0';
/** Validated against: the oldest cluster Chart.yaml's kubeVersion allows, the newest kubernetes-validate 1.37 knows. */
export const VALIDATED_VERSIONS = ['1.27.0', '1.37.0'] as const;
export const KEDA_API = 'keda.sh/v1alpha1';

/** js-yaml (a dev tool dependency, without bundled types). */
const yaml = createRequire(__filename)('js-yaml') as {
  load(text: string): unknown;
  loadAll(text: string): unknown[];
};

export function parseYaml(text: string): unknown {
  return yaml.load(text);
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end and reports how it ended instead of throwing. */
export function runTool(command: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      command,
      [...args],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The helm binary (built once per machine by scripts/tools/gotool.sh, then cached). */
export async function helmBinary(): Promise<string> {
  const found = await runTool('bash', ['scripts/tools/gotool.sh', 'helm', '--path']);
  if (found.code !== 0)
    throw new Error(`scripts/tools/gotool.sh helm --path failed:\n${found.stderr}`);
  return found.stdout.trim();
}

export function pytool(tool: string, args: readonly string[]): Promise<RunResult> {
  return runTool('bash', ['scripts/tools/pytool.sh', tool, ...args]);
}

export interface Metadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string; optional?: boolean };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
  };
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly {
    readonly configMapRef?: { readonly name: string };
    readonly secretRef?: { readonly name: string };
  }[];
  readonly securityContext?: Readonly<Record<string, unknown>>;
  readonly volumeMounts?: readonly {
    readonly name: string;
    readonly mountPath: string;
    readonly readOnly?: boolean;
  }[];
  readonly livenessProbe?: { readonly httpGet?: { readonly path: string; readonly port: unknown } };
  readonly readinessProbe?: {
    readonly httpGet?: { readonly path: string; readonly port: unknown };
  };
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
}

export interface PodSpec {
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: Readonly<Record<string, unknown>>;
  readonly containers: readonly Container[];
  readonly volumes?: readonly {
    readonly name: string;
    readonly emptyDir?: Readonly<Record<string, unknown>>;
    readonly secret?: {
      readonly secretName: string;
      readonly items?: readonly { key: string; path: string }[];
    };
  }[];
  readonly topologySpreadConstraints?: readonly {
    readonly topologyKey: string;
    readonly whenUnsatisfiable: string;
  }[];
}

export interface NetworkPolicyPort {
  readonly port?: number | string;
  readonly protocol?: string;
}

export interface NetworkPolicyRule {
  readonly from?: readonly Readonly<Record<string, unknown>>[];
  readonly to?: readonly Readonly<Record<string, unknown>>[];
  readonly ports?: readonly NetworkPolicyPort[];
}

/** Any rendered object; `spec` is read through the accessors below, per kind. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: Metadata;
  readonly spec?: Readonly<Record<string, unknown>>;
  readonly data?: Readonly<Record<string, string>>;
}

export function parseManifests(text: string): K8sObject[] {
  return yaml
    .loadAll(text)
    .filter((doc): doc is K8sObject => typeof doc === 'object' && doc !== null);
}

/** The pod template of a Deployment or Job. */
export function podSpecOf(workload: K8sObject): PodSpec {
  const template = (workload.spec as { template?: { spec?: PodSpec } } | undefined)?.template;
  if (template?.spec === undefined) {
    throw new Error(`${workload.kind} ${workload.metadata.name} has no pod template`);
  }
  return template.spec;
}

export function podAnnotationsOf(workload: K8sObject): Readonly<Record<string, string>> {
  const spec = workload.spec as { template?: { metadata?: Metadata } } | undefined;
  return spec?.template?.metadata?.annotations ?? {};
}

export function networkPolicySpecOf(policy: K8sObject): {
  readonly podSelector: { readonly matchLabels?: Readonly<Record<string, string>> };
  readonly policyTypes: readonly string[];
  readonly ingress?: readonly NetworkPolicyRule[];
  readonly egress?: readonly NetworkPolicyRule[];
} {
  return policy.spec as ReturnType<typeof networkPolicySpecOf>;
}

/** The rendered objects of one values file, with the look-ups the tests need. */
export class Rendered {
  constructor(
    readonly label: string,
    readonly objects: readonly K8sObject[],
  ) {}

  ofKind(kind: string): K8sObject[] {
    return this.objects.filter((object) => object.kind === kind);
  }

  find(kind: string, name: string): K8sObject | undefined {
    return this.objects.find((object) => object.kind === kind && object.metadata.name === name);
  }

  get(kind: string, name: string): K8sObject {
    const found = this.find(kind, name);
    if (found === undefined) throw new Error(`${this.label}: no ${kind} ${name}`);
    return found;
  }

  /** The Deployments and the migration Job: everything that runs the image. */
  workloads(): K8sObject[] {
    return this.objects.filter((object) => object.kind === 'Deployment' || object.kind === 'Job');
  }

  /**
   * The environment a container starts with: its ConfigMaps' keys, its plain values, and each
   * secretKeyRef as `{ secret: name/key }`.
   */
  environmentOf(container: Container): Map<string, { value?: string; secret?: string }> {
    const env = new Map<string, { value?: string; secret?: string }>();
    for (const source of container.envFrom ?? []) {
      if (source.secretRef !== undefined) {
        throw new Error(`${container.name}: envFrom a whole Secret hides which variables it sets`);
      }
      const name = source.configMapRef?.name;
      if (name === undefined) continue;
      for (const [key, value] of Object.entries(this.get('ConfigMap', name).data ?? {})) {
        env.set(key, { value });
      }
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      env.set(
        variable.name,
        ref === undefined ? { value: variable.value } : { secret: `${ref.name}/${ref.key}` },
      );
    }
    return env;
  }
}
