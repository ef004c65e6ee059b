import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '../../..');
export const DOCKERFILE = 'deploy/docker/Dockerfile';
export const ENTRYPOINT = 'deploy/docker/entrypoint.sh';

/** One Dockerfile instruction, continuation lines joined and comment lines dropped (as Docker does). */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

export interface Stage {
  /** The FROM arguments (flags, image and `AS name`). */
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { text: `${pending.text} ${part}`, line: pending.line }
      : { text: part, line: index + 1 };
    if (continued) return;
    const [keyword = '', ...rest] = pending.text.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  });
  const stages: { from: string; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push({ from: instruction.args, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

export function readDockerfile(): Stage[] {
  return parseDockerfile(readFileSync(join(REPO_ROOT, DOCKERFILE), 'utf8'));
}

/** The stage declared `AS name`. */
export function stageNamed(stages: readonly Stage[], name: string): Stage {
  const stage = stages.find((candidate) => candidate.from.split(/\s+/).at(-1) === name);
  if (!stage) throw new Error(`${DOCKERFILE} has no stage named ${name}`);
  return stage;
}

/** The stage the image is made of. */
export function finalStage(stages: readonly Stage[]): Stage {
  const stage = stages.at(-1);
  if (!stage) throw new Error(`${DOCKERFILE} has no FROM`);
  return stage;
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The argv of an exec-form (JSON array) CMD / ENTRYPOINT / HEALTHCHECK CMD, or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`not a JSON array of strings: ${args}`);
  }
  return parsed;
}

/** The `KEY=value` pairs of a stage's ENV instructions (the `KEY=value` form only). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructionsOf(stage, 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const [name = '', ...value] = pair.split('=');
      if (value.length === 0) throw new Error(`ENV ${args}: use the KEY=value form`);
      env[name] = value.join('=').replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

/** The HEALTHCHECK's command (exec form) of a stage, or undefined when it has none. */
export function healthcheckCommand(stage: Stage): string[] | undefined {
  const [healthcheck] = instructionsOf(stage, 'HEALTHCHECK');
  if (!healthcheck) return undefined;
  const cmd = /(?:^|\s)CMD\s+(.*)$/.exec(healthcheck.args)?.[1];
  const argv = cmd === undefined ? undefined : execForm(cmd);
  if (!argv) throw new Error(`HEALTHCHECK ${healthcheck.args}: expected CMD in exec form`);
  return argv;
}

export interface Copy {
  /** The `--from` stage, or undefined for the build context. */
  readonly from: string | undefined;
  /** The `--chmod` mode (octal), if any. */
  readonly chmod: string | undefined;
  readonly sources: readonly string[];
  readonly destination: string;
}

export function copiesOf(stage: Stage): Copy[] {
  return instructionsOf(stage, 'COPY').map(({ args }) => {
    const words = args.split(/\s+/);
    const flags = words.filter((word) => word.startsWith('--'));
    const paths = words.filter((word) => !word.startsWith('--'));
    const flag = (name: string) =>
      flags.find((word) => word.startsWith(`--${name}=`))?.slice(name.length + 3);
    return {
      from: flag('from'),
      chmod: flag('chmod'),
      sources: paths.slice(0, -1),
      destination: paths.at(-1) ?? '',
    };
  });
}

/**
 * What a COPY puts under the WORKDIR, as paths relative to it: a destination ending in `/`
 * receives each source under its own name (`deploy/aws/*.yaml` stays a pattern).
 */
export function copiedPaths(copy: Copy): string[] {
  const destination = copy.destination.replace(/^\.(\/|$)/, '');
  if (destination !== '' && !destination.endsWith('/')) return [destination];
  return copy.sources.map((source) => `${destination}${source.split('/').at(-1) ?? source}`);
}

/**
 * The commands of deploy/docker/entrypoint.sh: the words of its `case` arms (not the `*`
 * fallback), and the list its usage line names.
 */
export function entrypointCommands(text = readFileSync(join(REPO_ROOT, ENTRYPOINT), 'utf8')): {
  readonly arms: string[];
  readonly usage: string[];
} {
  const arms = [...text.matchAll(/^\s*([a-z][a-z |]*)\)/gm)].flatMap((match) =>
    (match[1] ?? '').split('|').map((word) => word.trim()),
  );
  const usage = /usage: entrypoint\.sh ([a-z|]+)/.exec(text)?.[1]?.split('|') ?? [];
  return { arms, usage };
}

/** The fleet's services: every app but the CLI (embedded mode runs them all in one process). */
export function serviceApps(): string[] {
  return readdirSync(join(REPO_ROOT, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'cli')
    .map((entry) => entry.name)
    .sort();
}

/** What the image's entrypoint must accept: each service, and the migrations. */
export function imageCommands(): string[] {
  return [...serviceApps(), 'migrate'].sort();
}

/**
 * The RUN steps of the stages before the image, which the prod-bundle spec repeats (the build's
 * `npm ci` is the suite's own, from the same lockfile).
 */
export const STAGE_RUNS = {
  build: ['npm ci --ignore-scripts --no-audit --no-fund', 'npm run build'],
  'prod-deps': ['npm ci --omit=dev --ignore-scripts --no-audit --no-fund'],
} as const;

/**
 * What the image holds under /app, relative to it, and so what the prod-bundle spec assembles:
 * the production install, the build, the manifest, the templates the api reads at boot, the
 * entrypoint.
 */
export const APP_CONTENTS = [
  'deploy/aws/*.yaml',
  'deploy/docker/entrypoint.sh',
  'dist',
  'node_modules',
  'package.json',
] as const;
