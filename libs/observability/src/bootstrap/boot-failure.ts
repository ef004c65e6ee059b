import { ConfigError } from '@palisade/config';
import type pino from 'pino';

/**
 * One fatal JSON line saying why the service could not start. A bad environment is logged
 * with its message listing every bad variable (and the same list as `issues`), without a
 * stack trace: the operator's fix is in the deployment, not in the code.
 */
export function logBootFailure(logger: pino.Logger, error: unknown): void {
  if (error instanceof ConfigError) {
    logger.fatal({ issues: error.issues }, error.message);
    return;
  }
  logger.fatal({ err: error }, 'failed to start');
}
