import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_CONTENTS,
  copiedPaths,
  copiesOf,
  DOCKERFILE,
  entrypointCommands,
  envOf,
  execForm,
  finalStage,
  healthcheckCommand,
  imageCommands,
  instructionsOf,
  readDockerfile,
  REPO_ROOT,
  STAGE_RUNS,
  stageNamed,
} from './support/image-contract';

/** js-yaml (a dev tool dependency, without bundled types). */
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

const WORKFLOW = '.github/workflows/image.yml';
const PYTOOL = join(REPO_ROOT, 'scripts/tools/pytool.sh');

/** A tool's stdout and exit code; findings make linters exit non-zero, which is not an error here. */
function tool(args: readonly string[], stdin?: string): Promise<{ code: number; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('close', (code) =>
      code === null || (code !== 0 && stdout.trim() === '')
        ? fail(new Error(`bash ${args.join(' ')} exited ${String(code)}:\n${stderr}`))
        : done({ code, stdout }),
    );
    child.stdin.end(stdin ?? '');
  });
}

interface HadolintFinding {
  readonly code: string;
  readonly line: number;
  readonly message: string;
}

const hadolint = async (stdin?: string): Promise<HadolintFinding[]> =>
  JSON.parse(
    (
      await tool(
        [PYTOOL, 'hadolint', '--format', 'json', stdin === undefined ? DOCKERFILE : '-'],
        stdin,
      )
    ).stdout,
  ) as HadolintFinding[];

describe('the container image definition (deploy/docker/Dockerfile)', () => {
  const stages = readDockerfile();
  const image = finalStage(stages);
  const dockerfileText = readFileSync(join(REPO_ROOT, DOCKERFILE), 'utf8');

  it('should have no hadolint findings', async () => {
    expect(await hadolint()).toEqual([]);
  }, 180_000);

  it('should have hadolint flag an unpinned apt package (the linter really reads the file)', async () => {
    const unpinned = dockerfileText.replace(/tini=\S+/, 'tini');
    expect(unpinned).not.toBe(dockerfileText);
    expect((await hadolint(unpinned)).map((finding) => finding.code)).toEqual(['DL3008']);
  }, 180_000);

  it('should pass every checkov Dockerfile check', async () => {
    const { stdout } = await tool([
      PYTOOL,
      'checkov',
      '-f',
      DOCKERFILE,
      '--framework',
      'dockerfile',
      '--skip-download',
      '--compact',
      '-o',
      'json',
    ]);
    const report = JSON.parse(stdout) as {
      results: Record<'passed_checks' | 'failed_checks' | 'skipped_checks', { check_id: string }[]>;
      summary: { parsing_errors: number };
    };
    expect(report.summary.parsing_errors).toBe(0);
    expect(report.results.failed_checks.map((check) => check.check_id)).toEqual([]);
    expect(report.results.skipped_checks).toEqual([]);
    // The checks that matter most for this image were evaluated, not silently absent.
    expect(report.results.passed_checks.map((check) => check.check_id)).toEqual(
      expect.arrayContaining(['CKV_DOCKER_2', 'CKV_DOCKER_3', 'CKV_DOCKER_7', 'CKV_DOCKER_8']),
    );
  }, 300_000);

  it('should build on one exact Node 22 slim Debian bookworm image in every stage', () => {
    const images = stages.map((stage) => /(?:^|\s)(node:\S+)/.exec(stage.from)?.[1]);
    expect(
      images.every((name) => name !== undefined && /^node:22\.\d+\.\d+-bookworm-slim$/.test(name)),
    ).toBe(true);
    expect(new Set(images).size).toBe(1);
  });

  it('should run as the numeric non-root user 10001:10001 with tini as PID 1 in /app', () => {
    expect(instructionsOf(image, 'USER').map((user) => user.args)).toEqual(['10001:10001']);
    expect(instructionsOf(image, 'WORKDIR').map((workdir) => workdir.args)).toEqual(['/app']);
    const [entrypoint] = instructionsOf(image, 'ENTRYPOINT');
    expect(execForm(entrypoint?.args ?? '')).toEqual([
      '/usr/bin/tini',
      '--',
      '/app/deploy/docker/entrypoint.sh',
    ]);
  });

  it('should listen on 8080 in production mode and probe liveness there without curl', () => {
    expect(envOf(image)).toEqual({ NODE_ENV: 'production', PORT: '8080' });
    expect(instructionsOf(image, 'EXPOSE').map((expose) => expose.args)).toEqual(['8080']);
    const probe = healthcheckCommand(image);
    expect(probe?.[0]).toBe('node');
    expect(probe?.join(' ')).toContain('/health/live');
    expect(probe?.join(' ')).toContain('process.env.PORT');
  });

  it('should install nothing with npm in the final stage', () => {
    const runs = instructionsOf(image, 'RUN').map((instruction) => instruction.args);
    expect(runs.filter((args) => /\bnpm\s+(install|i|ci|add|update)\b/.test(args))).toEqual([]);
  });

  it('should run in the stages before the image exactly the steps the prod-bundle spec repeats', () => {
    for (const [name, runs] of Object.entries(STAGE_RUNS)) {
      expect(instructionsOf(stageNamed(stages, name), 'RUN').map((step) => step.args)).toEqual(
        runs,
      );
    }
  });

  it('should put exactly the bundle the prod-bundle spec runs under /app', () => {
    expect(copiesOf(image).flatMap(copiedPaths).sort()).toEqual([...APP_CONTENTS]);
  });

  it('should send the daemon exactly the files the stages copy from the build context', () => {
    const fromContext = stages
      .flatMap(copiesOf)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) => copy.sources);
    const lines = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(lines[0]).toBe('*');
    expect(
      lines
        .slice(1)
        .map((line) => line.replace(/^!/, ''))
        .sort(),
    ).toEqual([...new Set(fromContext)].sort());
  });

  it('should give the entrypoint one command per service and migrate, and run the api by default', () => {
    const { arms, usage } = entrypointCommands();
    expect([...arms].sort()).toEqual(imageCommands());
    expect([...usage].sort()).toEqual(imageCommands());
    const [cmd] = instructionsOf(image, 'CMD');
    const command = execForm(cmd?.args ?? '');
    expect(command).toEqual(['api']);
    expect(imageCommands()).toContain(command?.[0]);
  });
});

describe('the image workflow (.github/workflows/image.yml)', () => {
  interface Step {
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Record<string, unknown>;
  }
  interface Job {
    readonly if?: string;
    readonly needs?: string | string[];
    readonly permissions?: Record<string, string>;
    readonly steps: Step[];
  }
  const workflow = yaml.load(readFileSync(join(REPO_ROOT, WORKFLOW), 'utf8')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    env: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const jobs = Object.entries(workflow.jobs);
  const stepsUsing = (job: Job, action: string) =>
    job.steps.filter((step) => step.uses?.split('@')[0] === action);
  const builders = jobs.filter(([, job]) => stepsUsing(job, 'docker/build-push-action').length > 0);
  const pushers = builders.filter(([, job]) =>
    stepsUsing(job, 'docker/build-push-action').some((step) => step.with?.['push'] !== false),
  );

  it('should have no actionlint findings', async () => {
    const { code, stdout } = await tool([
      join(REPO_ROOT, 'scripts/tools/gotool.sh'),
      'actionlint',
      '-format',
      '{{json .}}',
      WORKFLOW,
    ]);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(code).toBe(0);
  }, 600_000);

  it('should run on pushes to main, v* tags and pull requests, reading only by default', () => {
    expect(workflow.on).toEqual({
      push: { branches: ['main'], tags: ['v*'] },
      pull_request: null,
    });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('should pin every action to a major version at least', () => {
    const uses = jobs.flatMap(([, job]) =>
      job.steps.flatMap((step) => (step.uses ? [step.uses] : [])),
    );
    expect(uses.length).toBeGreaterThan(5);
    expect(
      uses.filter((ref) => !/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(ref)),
    ).toEqual([]);
  });

  it('should lint and unit-test on Node 22 before any image is built', () => {
    expect(builders.length).toBeGreaterThan(0);
    for (const [, job] of builders) {
      const [testJob] = [job.needs].flat();
      const tests = workflow.jobs[testJob ?? ''];
      expect(stepsUsing(tests ?? { steps: [] }, 'actions/setup-node')[0]?.with).toMatchObject({
        'node-version': 22,
      });
      expect(tests?.steps.map((step) => step.run).filter(Boolean)).toEqual([
        'npm ci --no-audit --no-fund',
        'npm run lint',
        'npm run test:unit',
      ]);
    }
  });

  it('should build both platforms from the Dockerfile in every image job', () => {
    expect(workflow.env['IMAGE']).toBe('ghcr.io/${{ github.repository_owner }}/palisade');
    const builds = builders.flatMap(([, job]) => stepsUsing(job, 'docker/build-push-action'));
    expect(builds.length).toBeGreaterThan(0);
    for (const step of builds) {
      expect(step.with).toMatchObject({
        context: '.',
        file: DOCKERFILE,
        platforms: 'linux/amd64,linux/arm64',
        tags: '${{ steps.meta.outputs.tags }}',
        'cache-from': 'type=gha',
      });
    }
  });

  it('should push from one job only, off pull requests, the only job that may write packages', () => {
    const writers = jobs.filter(([, job]) => job.permissions?.['packages'] === 'write');
    expect(pushers.map(([name]) => name)).toEqual(writers.map(([name]) => name));
    expect(pushers).toHaveLength(1);
    const [, publish] = pushers[0] ?? [];
    expect(publish?.if).toBe("github.event_name != 'pull_request'");
    expect(publish?.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(stepsUsing(publish ?? { steps: [] }, 'docker/login-action')[0]?.with).toMatchObject({
      registry: 'ghcr.io',
      password: '${{ secrets.GITHUB_TOKEN }}',
    });
    expect(stepsUsing(publish ?? { steps: [] }, 'docker/build-push-action')[0]?.with).toMatchObject(
      {
        push: true,
        'cache-to': 'type=gha,mode=max',
        provenance: 'mode=max',
        sbom: true,
      },
    );
  });

  it('should build pull requests without logging in or pushing', () => {
    const forPullRequests = builders.filter(
      ([, job]) => job.if === "github.event_name == 'pull_request'",
    );
    expect(forPullRequests).toHaveLength(1);
    expect([...forPullRequests, ...pushers]).toHaveLength(builders.length);
    const [, build] = forPullRequests[0] ?? [];
    expect(build?.permissions).toBeUndefined();
    expect(stepsUsing(build ?? { steps: [] }, 'docker/login-action')).toEqual([]);
    expect(stepsUsing(build ?? { steps: [] }, 'docker/build-push-action')[0]?.with).toMatchObject({
      push: false,
    });
  });
});
