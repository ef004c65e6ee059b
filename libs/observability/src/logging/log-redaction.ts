/**
 * Log paths whose values are replaced by "[redacted]": credentials and keys at the top level
 * of a log line and up to two objects down (`{ job: { role: { sessionToken } } }`), the STS
 * `Credentials` shape, and the request headers that carry API keys. Pino redaction matches
 * fixed depths only, so log identifiers, not whole SDK responses.
 * Config is logged through `redactConfig`, which redacts by schema rather than by name.
 */
const SENSITIVE_KEYS = [
  'password',
  'secret',
  'secretAccessKey',
  'SecretAccessKey',
  'sessionToken',
  'SessionToken',
  'credentials',
  'Credentials',
  'apiKey',
  'token',
  'accessToken',
  'refreshToken',
  'signingSecret',
  'authorization',
] as const;

export const LOG_REDACT_PATHS: readonly string[] = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  ...SENSITIVE_KEYS.map((key) => `*.*.${key}`),
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export const LOG_CENSOR = '[redacted]';
