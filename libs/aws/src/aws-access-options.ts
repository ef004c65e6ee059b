// How this library reaches AWS. Apps map their typed config (AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_<SERVICE>, ...) into this object; nothing here reads the environment.
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

export const awsAccessOptionsSchema = z.object({
  /** One endpoint for every service (an emulator such as moto, or the fault proxy in front of it). */
  endpointUrl: url.optional(),
  /** Per-service endpoints, keyed by service (`s3`, `s3-control`, `STS`, `S3_CONTROL` all normalise). */
  serviceEndpoints: z.record(z.string().min(1), url).default({}),
  /** Region of STS calls and of `DescribeRegions` (its partition must be the caller's). */
  defaultRegion: z.string().min(1).default('us-east-1'),
  /** Attempt budget per API call, first attempt included. */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  retryMode: z.enum(['adaptive', 'standard']).default('adaptive'),
  /** Keep-alive sockets per host (the shared agents' `maxSockets`). */
  maxSocketsPerHost: z.number().int().min(1).max(1024).default(50),
  /** Concurrent calls per account × service (across all regions and clients of one factory). */
  concurrencyPerAccountService: z.number().int().min(1).max(1000).default(8),
  connectionTimeoutMs: z.number().int().min(1).default(5_000),
  requestTimeoutMs: z.number().int().min(1).default(60_000),
  /** Requested session length; AWS caps chained hops at one hour, and so does this library. */
  sessionDurationSeconds: z.number().int().min(900).max(43_200).default(3600),
  /** Credentials are refreshed this long before they expire. */
  refreshMarginSeconds: z.number().int().min(0).max(1800).default(300),
});

export type AwsAccessOptions = z.output<typeof awsAccessOptionsSchema>;
export type AwsAccessOptionsInput = z.input<typeof awsAccessOptionsSchema>;

/** Validates and fills defaults; throws listing every bad field. */
export function resolveAwsAccessOptions(input: AwsAccessOptionsInput = {}): AwsAccessOptions {
  const parsed = awsAccessOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid AWS access options: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** `S3_CONTROL`, `s3-control`, `S3 Control` and `s3control` all name the same service. */
export function normalizeServiceKey(service: string): string {
  return service.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The endpoint override for a service: its own, else the global one, else none (real AWS). */
export function endpointFor(options: AwsAccessOptions, service: string): string | undefined {
  const key = normalizeServiceKey(service);
  for (const [name, value] of Object.entries(options.serviceEndpoints)) {
    if (normalizeServiceKey(name) === key) return value;
  }
  return options.endpointUrl;
}
