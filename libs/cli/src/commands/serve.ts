import { type NestExpressApplication } from '@nestjs/platform-express';
import { issueTenantKey } from '@palisade/api';
import { type TenantId, withTenant } from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { type ListenOptions } from '../presentation';
import { type CliIo } from './cli-io';

/** How long a key printed by `serve` works if the process dies before revoking it. */
const SERVE_KEY_HOURS = 24;

/**
 * Serves the api of the embedded runtime on `listen` and prints how to call it: the base URL,
 * the docs, the operator key of this run and an admin key of the local tenant. The tenant key
 * is revoked when serving stops (and expires in a day if the process dies first). Resolves on
 * Ctrl-C or SIGTERM.
 */
export async function serveUntilInterrupted(
  app: NestExpressApplication,
  dataSource: DataSource,
  tenantId: TenantId,
  operatorKey: string,
  listen: ListenOptions,
  io: CliIo,
): Promise<void> {
  await app.listen(listen.port, listen.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const key = issueTenantKey();
  await withTenant(dataSource, tenantId, (manager) =>
    manager.query(
      `INSERT INTO public.api_keys (tenant_id, id, name, secret_sha256, scopes, created_by, expires_at)
       VALUES ($1, $2, 'palisade serve', $3, '{admin}', 'cli', now() + make_interval(hours => $4))`,
      [tenantId, key.keyId, key.secretSha256, SERVE_KEY_HOURS],
    ),
  );
  io.out(
    [
      '',
      `Palisade API: ${url}/v1   (docs: ${url}/docs)`,
      `  tenant key (local, admin; until you stop):  ${key.key}`,
      `  operator key (this run only):               ${operatorKey}`,
      `  try: curl -H "Authorization: Bearer ${key.key}" ${url}/v1/findings?limit=5`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const unsubscribe = io.onInterrupt(() => {
      unsubscribe();
      resolve();
    });
  });
  io.err('stopping…\n');
  await withTenant(dataSource, tenantId, (manager) =>
    manager.query(
      `WITH revoked AS (
         UPDATE public.api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id
       ) SELECT id FROM revoked`,
      [tenantId, key.keyId],
    ),
  );
}
