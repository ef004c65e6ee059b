import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toolsDir } from '../deps/tools-dir';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(ROOT, 'scripts/tools/asff-validate.py');

export interface AsffValidation {
  readonly valid: boolean;
  /**
   * Per request, botocore's messages then Security Hub's `Findings[i].<field>: <why>`, each
   * prefixed with its request; i is the finding's index in the whole array.
   */
  readonly errors: string[];
  /** The BatchImportFindings requests the findings need (at most 100 findings each). */
  readonly batches: number;
}

/**
 * The python of moto's venv, which has botocore: the path scripts/deps/moto.sh installs, with
 * its default version read from that script so the two cannot drift apart.
 */
function botocorePython(): string {
  const motoScript = readFileSync(join(ROOT, 'scripts/deps/moto.sh'), 'utf8');
  const defaultVersion = /PALISADE_MOTO_VERSION:-([^}]+)\}/.exec(motoScript)?.[1];
  if (!defaultVersion) throw new Error('no default PALISADE_MOTO_VERSION in scripts/deps/moto.sh');
  const version = process.env['PALISADE_MOTO_VERSION'] ?? defaultVersion;
  const python = join(toolsDir(), 'venv', `moto-${version}`, 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(
      `${python} is missing: botocore comes with moto's venv; run \`bash scripts/deps/moto.sh start\` ` +
        '(or the integration tier, whose globalSetup starts it) to install it',
    );
  }
  return python;
}

/**
 * Validates ASFF findings for `BatchImportFindings` in requests of at most 100 findings
 * (scripts/tools/asff-validate.py): as boto3 would before sending them, against the input shape
 * of botocore's `securityhub` service model, then against what Security Hub enforces beyond it
 * (the model's patterns, enums and maxima, the reference's length and item limits, a custom
 * integration's ProductArn, timestamps, finding type namespaces). No findings is valid: there
 * is no request to make.
 */
export async function validateAsffWithBotocore(findings: unknown[]): Promise<AsffValidation> {
  const python = botocorePython();
  const child = spawn(python, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', done);
    // A script that dies before reading all of stdin breaks the pipe; its exit code and stderr
    // say why, below.
    child.stdin.once('error', () => undefined);
    child.stdin.end(JSON.stringify(findings));
  });
  if (exitCode !== 0 && exitCode !== 1) {
    throw new Error(`${SCRIPT} failed (exit ${exitCode}): ${stderr.trim()}`);
  }
  return JSON.parse(stdout) as AsffValidation;
}
