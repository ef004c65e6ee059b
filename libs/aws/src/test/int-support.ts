// Shared by this lib's integration specs: where moto is, unique accounts, a capturing logger.
import { randomInt, randomUUID } from 'node:crypto';
import { type AwsLogger, type LogFields } from '../aws-logger';

/**
 * moto's URL from the int tier's globalSetup (`motoUrlFrom(process.env)`); fails loudly rather
 * than skipping.
 */
export function motoUrlFrom(env: Record<string, string | undefined>): string {
  const url = env.PALISADE_MOTO_URL;
  if (!url) {
    throw new Error(
      'PALISADE_MOTO_URL is not set: run the integration tier (its globalSetup starts moto), ' +
        'or start moto and export PALISADE_MOTO_URL=http://127.0.0.1:<port>',
    );
  }
  return url;
}

/** A fresh 12-digit account per test, so parallel specs never share moto state. */
export function uniqueAccount(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

export function uniqueScanId(): string {
  return randomUUID();
}

/** Base identity for moto: any key acts in moto's default account 123456789012. */
export const BASE_CREDENTIALS = {
  accessKeyId: 'AKIAPALISADEINTTEST1',
  secretAccessKey: 'palisade-int-base-secret-9f1c2e7a',
};

export class CapturingLogger implements AwsLogger {
  readonly lines: string[] = [];
  debug(message: string, fields?: LogFields): void {
    this.lines.push(JSON.stringify({ level: 'debug', message, ...fields }));
  }
  info(message: string, fields?: LogFields): void {
    this.lines.push(JSON.stringify({ level: 'info', message, ...fields }));
  }
  warn(message: string, fields?: LogFields): void {
    this.lines.push(JSON.stringify({ level: 'warn', message, ...fields }));
  }
}
