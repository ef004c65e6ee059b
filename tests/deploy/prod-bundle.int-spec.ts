import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import {
  apiConfigSchema,
  configVariables,
  discoveryConfigSchema,
  migrateConfigSchema,
  normaliserConfigSchema,
  scannerConfigSchema,
  type ConfigSchema,
  type ConfigTree,
} from '@palisade/config';
import { createTestDatabase, MIGRATIONS, type TestDatabase } from '@palisade/persistence';
import { depsEnv, startCommandProcess, type ServiceProcess } from '@palisade/testing';
import {
  copiesOf,
  ENTRYPOINT,
  envOf,
  finalStage,
  healthcheckCommand,
  instructionsOf,
  readDockerfile,
  REPO_ROOT,
  serviceApps,
  STAGE_RUNS,
  stageNamed,
  type Copy,
  type Stage,
} from './support/image-contract';

const run = promisify(execFile);

/**
 * The image's stages, repeated on this machine without Docker: the build stage's COPYs and
 * `npm run build`, the prod-deps stage's production-only install, then the final stage's COPYs
 * into an app directory owned by root and not writable by the image's user, 10001:10001, who
 * runs every command through the entrypoint with nothing but PATH and the service's environment.
 */
const APP_USER = { uid: 10001, gid: 10001 };
// Switching user needs root (as here and in CI). Elsewhere the tree is made read-only for
// everyone and the commands run as the current, already unprivileged, user.
const asRoot = process.getuid?.() === 0;
const runAs = asRoot ? APP_USER : undefined;
// The image's PATH has node and the shell's tools; nothing of the checkout's.
const PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');

const stages = readDockerfile();
const image = finalStage(stages);
// The image's own ENV (NODE_ENV, PORT); the tests listen on a free port instead of PORT's 8080.
const imageEnv = envOf(image);

interface ServiceSpec {
  readonly name: string;
  readonly schema: ConfigSchema<ConfigTree>;
  readonly database: boolean;
}

const SERVICES: readonly ServiceSpec[] = [
  { name: 'discovery', schema: discoveryConfigSchema, database: true },
  { name: 'scanner', schema: scannerConfigSchema, database: false },
  { name: 'normaliser', schema: normaliserConfigSchema, database: true },
  { name: 'api', schema: apiConfigSchema, database: true },
];

interface Finished {
  readonly code: number | NodeJS.Signals;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end as the image's user, with only PATH and `env`. */
function runToEnd(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<Finished> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: '/tmp',
      env: { PATH, HOME: '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ?? {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('close', (code, signal) => done({ code: code ?? signal ?? -1, stdout, stderr }));
  });
}

/** The variables of `env` that the schema does not read (a typo there would pass unnoticed). */
function unreadVariables(env: Record<string, string>, schema: ConfigSchema<ConfigTree>): string[] {
  const read = new Set(configVariables(schema).map((variable) => variable.name));
  return Object.keys(env).filter((variable) => !read.has(variable));
}

/** Paths matching `pattern` under `root` (a `*` in the last segment only, as the Dockerfile uses). */
function expand(root: string, pattern: string): string[] {
  const name = basename(pattern);
  if (!name.includes('*')) return [pattern];
  const escaped = name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const matcher = new RegExp(`^${escaped.join('[^/]*')}$`);
  return readdirSync(join(root, dirname(pattern)))
    .filter((entry) => matcher.test(entry))
    .map((entry) => join(dirname(pattern), entry));
}

/**
 * A COPY into `workdir`: from the checkout (the build context), or from the directory standing
 * in for an earlier stage's WORKDIR, whose output is moved rather than copied (node_modules).
 */
function applyCopy(copy: Copy, workdir: string, stageDirs: Readonly<Record<string, string>>): void {
  const fromStage = copy.from === undefined ? undefined : stageNamed(stages, copy.from);
  const root = copy.from === undefined ? REPO_ROOT : stageDirs[copy.from];
  if (root === undefined) throw new Error(`no directory stands in for stage ${copy.from}`);
  const stageWorkdir = fromStage && instructionsOf(fromStage, 'WORKDIR').at(-1)?.args;
  const sources = copy.sources.flatMap((source) =>
    expand(root, stageWorkdir ? relative(stageWorkdir, source) : source),
  );
  const intoDirectory = copy.destination.endsWith('/') || copy.destination === '.';
  for (const source of sources) {
    const target = join(workdir, copy.destination, intoDirectory ? basename(source) : '');
    mkdirSync(dirname(target), { recursive: true });
    if (fromStage) renameSync(join(root, source), target);
    else cpSync(join(root, source), target, { recursive: true });
    if (copy.chmod) chmodSync(target, parseInt(copy.chmod, 8));
  }
}

function applyCopies(stage: Stage, workdir: string, stageDirs: Record<string, string> = {}): void {
  mkdirSync(workdir, { recursive: true });
  for (const copy of copiesOf(stage)) applyCopy(copy, workdir, stageDirs);
}

/** One of STAGE_RUNS, run in `workdir` (plain words: no shell needed). */
async function runStep(command: string, workdir: string, extraArgs: string[] = []): Promise<void> {
  const [program = '', ...args] = command.split(' ');
  await run(program, [...args, ...extraArgs], { cwd: workdir, maxBuffer: 16 * 1024 * 1024 });
}

/** The build stage: its COPYs, the suite's node_modules for its `npm ci`, `npm run build`. */
async function buildStage(dir: string): Promise<void> {
  applyCopies(stageNamed(stages, 'build'), dir);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  await runStep(STAGE_RUNS.build[1], dir);
}

/** The prod-deps stage (npm's cache is warm after the suite's own npm ci). */
async function prodDepsStage(dir: string): Promise<void> {
  applyCopies(stageNamed(stages, 'prod-deps'), dir);
  await runStep(STAGE_RUNS['prod-deps'][0], dir, ['--prefer-offline']);
}

describe('the production bundle (the image /app, run as 10001:10001)', () => {
  const prefix = `bundle-${randomUUID().slice(0, 8)}.`;
  let work: string | undefined;
  let app: string;
  let database: TestDatabase;

  // The production install dominates (half a minute to a minute); swc compiles in seconds.
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'palisade-bundle-'));
    const stageDirs = { build: join(work, 'build'), 'prod-deps': join(work, 'prod-deps') };
    // The build (CPU) and the install (mostly I/O) side by side, as BuildKit runs the stages.
    [database] = await Promise.all([
      createTestDatabase({ migrate: false }),
      buildStage(stageDirs.build),
      prodDepsStage(stageDirs['prod-deps']),
    ]);
    app = join(work, 'app');
    applyCopies(image, app, stageDirs);
    // Only the final stage is the image (the build's node_modules is a link to the checkout's).
    for (const dir of Object.values(stageDirs)) rmSync(dir, { recursive: true, force: true });
    // Readable by all, writable by nobody but root (the image's COPY leaves root the owner).
    await run('chmod', ['-R', asRoot ? 'go-w,a+rX' : 'a-w,a+rX', work]);
  }, 420_000);

  afterAll(async () => {
    await database?.drop();
    if (work) {
      await run('chmod', ['-R', 'u+w', work]);
      rmSync(work, { recursive: true, force: true });
    }
  });

  const entrypoint = () => join(app, ENTRYPOINT);

  it('should hold only production dependencies', () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
    };
    const installed = (path: string) => existsSync(join(app, path));
    const devOnly = Object.entries(lock.packages).filter(
      ([path, entry]) => path !== '' && entry.dev,
    );
    expect(devOnly.length).toBeGreaterThan(100);
    expect(devOnly.map(([path]) => path).filter(installed)).toEqual([]);
    for (const name of ['jest', 'typescript', '@nestjs/testing', '@swc/core', 'tsc-alias']) {
      expect(installed(`node_modules/${name}`)).toBe(false);
    }
    const needed = Object.entries(lock.packages).filter(
      ([path, entry]) => path !== '' && !entry.dev && !entry.optional && !entry.devOptional,
    );
    expect(needed.map(([path]) => path).filter((path) => !installed(path))).toEqual([]);
  });

  it('should hold the compiled apps and no test code', async () => {
    const { stdout } = await run('find', ['dist', '-name', '*.js'], {
      cwd: app,
      maxBuffer: 8 << 20,
    });
    const files = stdout.trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining(serviceApps().map((svc) => `dist/apps/${svc}/src/main.js`)),
    );
    expect(
      files.filter((file) => /\.(int-|e2e-)?spec\.js$|^dist\/libs\/testing\/|\/test\//.test(file)),
    ).toEqual([]);
  });

  it('should be readable and not writable by the image user', async () => {
    const writable = await runToEnd('find', [app, '-writable'], {});
    expect(writable).toMatchObject({ code: 0, stdout: '' });
    const unreadable = await runToEnd('find', [app, '!', '-readable'], {});
    expect(unreadable).toMatchObject({ code: 0, stdout: '' });
  });

  it('should refuse an unknown or missing command with the usage line and exit 64', async () => {
    const usage = 'usage: entrypoint.sh discovery|scanner|normaliser|api|migrate [args...]\n';
    expect(await runToEnd(entrypoint(), ['serve'], {})).toEqual({
      code: 64,
      stdout: '',
      stderr: usage,
    });
    expect(await runToEnd(entrypoint(), [], {})).toEqual({ code: 64, stdout: '', stderr: usage });
  });

  it('should apply every migration with migrate, then find none pending', async () => {
    const env = { DATABASE_MIGRATIONS_URL: database.ownerUrl };
    expect(unreadVariables(env, migrateConfigSchema)).toEqual([]);
    const first = await runToEnd(entrypoint(), ['migrate'], env);
    expect(first).toEqual({
      code: 0,
      stdout: `applied: ${MIGRATIONS.map((migration) => migration.name).join(', ')}\n`,
      stderr: '',
    });
    const second = await runToEnd(entrypoint(), ['migrate'], env);
    expect(second).toEqual({ code: 0, stdout: 'migrations: none pending\n', stderr: '' });
  });

  it('should test every service the fleet has', () => {
    expect(SERVICES.map((service) => service.name).sort()).toEqual(serviceApps());
  });

  describe.each(SERVICES)('$name', ({ name, schema, database: usesDatabase }) => {
    let service: ServiceProcess;
    const healthcheck = healthcheckCommand(image) ?? [];

    const serviceEnv = (): Record<string, string> => ({
      KAFKA_BROKERS: depsEnv('PALISADE_KAFKA_BROKERS'),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_PREFIX: prefix,
      KAFKA_PARTITIONS_DEFAULT: '1',
      KAFKA_PARTITIONS_JOBS: '1',
      KAFKA_PARTITIONS_FINDINGS_RAW: '1',
      KAFKA_PARTITIONS_JOB_EVENTS: '1',
      ...(usesDatabase ? { DATABASE_URL: database.serviceUrl } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
    });

    const port = () => new URL(service.url).port;
    const runHealthcheck = () => {
      const [command = '', ...args] = healthcheck;
      return runToEnd(command, args, { ...imageEnv, PORT: port() });
    };

    beforeAll(async () => {
      service = await startCommandProcess({
        command: entrypoint(),
        args: [name],
        cwd: '/tmp',
        env: { PATH, HOME: '/tmp', ...imageEnv, ...serviceEnv() },
        ...(runAs ? { user: runAs } : {}),
        startTimeoutMs: 90_000,
      });
    }, 120_000);

    afterAll(async () => {
      await service?.stop('SIGKILL');
    });

    it('should be given only variables its config schema reads', () => {
      expect(unreadVariables(serviceEnv(), schema)).toEqual([]);
    });

    it('should start, be ready with its dependencies and serve Prometheus metrics', async () => {
      expect(service.lines.find((line) => line['msg'] === 'started')).toMatchObject({
        service: name,
      });
      const ready = await fetch(`${service.url}/health/ready`);
      const body = (await ready.json()) as { checks: Record<string, { status: string }> };
      expect(ready.status).toBe(200);
      expect(Object.keys(body.checks).sort()).toEqual(
        usesDatabase ? ['kafka', 'postgres'] : ['kafka'],
      );
      const metrics = await fetch(`${service.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain(`process_cpu_user_seconds_total{service="${name}"}`);
    });

    it("should pass the image's HEALTHCHECK command", async () => {
      expect(await runHealthcheck()).toMatchObject({ code: 0 });
    });

    if (name === 'api') {
      it('should refuse an unauthenticated /v1 request with a 401 problem', async () => {
        const response = await fetch(`${service.url}/v1/tenants`);
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({ status: 401 });
      });

      it('should serve the API documentation with its assets and the OpenAPI document', async () => {
        const page = await fetch(`${service.url}/docs`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('Palisade API');
        const asset = await fetch(`${service.url}/docs/swagger-ui-bundle.js`);
        expect(asset.status).toBe(200);
        const document = (await (await fetch(`${service.url}/docs/openapi.json`)).json()) as {
          openapi: string;
        };
        expect(document.openapi).toBe('3.0.3');
      });
    }

    it('should exit 0 on SIGTERM, having logged only JSON lines naming itself, and then fail the HEALTHCHECK', async () => {
      expect(await service.stop('SIGTERM')).toBe(0);
      expect(service.lines.filter((line) => line['service'] !== name)).toEqual([]);
      expect(service.lines.some((line) => line['msg'] === 'shutting down')).toBe(true);
      expect(await runHealthcheck()).toMatchObject({ code: 1 });
    });
  });
});
