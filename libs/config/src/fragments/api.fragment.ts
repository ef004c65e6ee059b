import { z } from 'zod';
import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { bool, int } from '../env-parsers';
import { secret } from '../secret';

/** An operator key as `npm run -s operator-key` prints it: `pal_op_` + 43 base64url characters. */
const operatorKey = z
  .string()
  .regex(/^pal_op_[A-Za-z0-9_-]{43}$/, 'must be a key printed by `npm run -s operator-key`');

/** 32 random bytes, base64 (`openssl rand -base64 32`): the AES-256-GCM key for webhook secrets. */
const encryptionKey = z
  .string()
  .refine(
    (value) => /^[A-Za-z0-9+/]{43}=$/.test(value),
    'must be 32 bytes in base64 (openssl rand -base64 32)',
  );

/** An IAM role, user or account root ARN: what deploy/aws templates accept as `HubPrincipalArn`. */
const hubPrincipalArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/,
    'must be an IAM role, user or root ARN, e.g. arn:aws:iam::111122223333:role/PalisadeHubRole',
  );

/** The REST API: who may manage tenants, how fast a key may call, how webhooks leave. */
export function apiFragment() {
  return configFragment({
    /** The bootstrap operator key (manages tenants); only its SHA-256 is kept in memory. */
    operatorKey: env('OPERATOR_KEY', secret(operatorKey).optional()),
    /** Requests per key (or per client address before authentication) per minute. */
    rateLimitPerMinute: env(
      'API_RATE_LIMIT_PER_MINUTE',
      int({ min: 1, max: 1_000_000 }).default(600),
    ),
    /** Encrypts webhook signing secrets at rest; required once a webhook exists. */
    webhookEncryptionKey: env('WEBHOOK_ENCRYPTION_KEY', secret(encryptionKey).optional()),
    /** Tests only: lets webhooks target loopback addresses (http allowed there too). */
    webhookAllowLoopback: env('WEBHOOK_ALLOW_LOOPBACK', bool().default(false)),
    /** Attempts per webhook delivery before it is marked failed. */
    webhookMaxAttempts: env('WEBHOOK_MAX_ATTEMPTS', int({ min: 1, max: 50 }).default(8)),
    /** How often due webhook deliveries are sent. */
    webhookIntervalMs: env('WEBHOOK_INTERVAL_MS', int({ min: 100, max: 3_600_000 }).default(2_000)),
    /** Timeout of one webhook request. */
    webhookTimeoutMs: env('WEBHOOK_TIMEOUT_MS', int({ min: 100, max: 60_000 }).default(10_000)),
    /**
     * The principal Palisade's services call AWS as (the hub role of deploy/aws/hub-role.yaml):
     * what customers' scan roles must trust (`HubPrincipalArn` in the onboarding material).
     */
    hubPrincipalArn: env('HUB_PRINCIPAL_ARN', hubPrincipalArn.optional()),
    /** test-connection: per role, AssumeRole (through the hub role, if any) and the calls made with it. */
    connectionTestTimeoutMs: env(
      'API_CONNECTION_TEST_TIMEOUT_MS',
      int({ min: 1_000, max: 120_000 }).default(20_000),
    ),
  });
}

export type ApiSettings = ConfigValue<ReturnType<typeof apiFragment>['node']>;
