import { type Env } from '@palisade/config';

export interface EmbeddedEnvOptions {
  readonly databaseUrl: string;
  /** Where the services' JSON log lines go. */
  readonly logFile: string;
  readonly operatorKey?: string;
  readonly listen?: { readonly host: string; readonly port: number };
}

/**
 * The environment the embedded services read: the user's own (AWS_PROFILE, AWS_REGION,
 * AWS_ENDPOINT_URL, SCANNER_* tuning …) with what embedded mode decides on top: one process,
 * its database, its log file, and the api's listening address and operator key when serving.
 */
export function embeddedEnv(base: Env, options: EmbeddedEnvOptions): Env {
  return {
    ...base,
    TRANSPORT: 'in-process',
    DATABASE_URL: options.databaseUrl,
    LOG_FILE: options.logFile,
    LOG_LEVEL: base['LOG_LEVEL'] ?? 'info',
    ...(options.operatorKey === undefined ? {} : { OPERATOR_KEY: options.operatorKey }),
    ...(options.listen === undefined
      ? {}
      : { HOST: options.listen.host, PORT: String(options.listen.port) }),
  };
}
