// A fault test's hands on its fleet's own database (as the superuser): what a scan left in the
// tables the API does not show (the outbox, every job row), and two ways to hold a service at a
// chosen point — an advisory lock the service's periodic work takes, and a trigger that makes
// discovery wait after it published a scan's jobs and before it records having done so.
import { advisoryLockKey } from '@palisade/persistence';
import { Client } from 'pg';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** One query on a short-lived connection (the server may have restarted since the last). */
export async function query<R extends object>(
  url: string,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  const client = await connect(url);
  try {
    return (await client.query<R>(text, [...values])).rows;
  } finally {
    await client.end();
  }
}

/** Whether each of the scan's `scan.requested` rows in the outbox was published, in order. */
export async function outboxPublished(url: string, scanId: string): Promise<boolean[]> {
  const rows = await query<{ published: boolean }>(
    url,
    `SELECT published_at IS NOT NULL AS published FROM public.outbox
      WHERE topic = 'palisade.scan.requested.v1' AND value->>'scanId' = $1 ORDER BY id`,
    [scanId],
  );
  return rows.map((r) => r.published);
}

/** How many job rows the scan has (discovery inserts them when it fans the scan out). */
export async function jobRowCount(url: string, scanId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    url,
    'SELECT count(*)::int AS n FROM public.scan_jobs WHERE scan_id = $1',
    [scanId],
  );
  return row?.n ?? 0;
}

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Holds the advisory lock `runExclusive(lockName)` takes, on a connection of its own: while held,
 * the periodic work under that name (e.g. `outbox-relay`) skips every pass on every replica.
 */
export async function holdAdvisoryLock(url: string, lockName: string): Promise<HeldLock> {
  const client = await connect(url);
  const key = advisoryLockKey(lockName).toString();
  await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
  return {
    async release() {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
      await client.end();
    },
  };
}

export interface HeldJobRecording {
  /** Resolves once a transaction waits on the hold (discovery published a scan's jobs). */
  waitUntilHeld(timeoutMs: number): Promise<void>;
  /** Lets the waiting transaction go on and removes the trigger. */
  release(): Promise<void>;
}

const HOLD_LOCK = 'fault-test:job-recording';
const HOLD_FUNCTION = 'public.fault_test_hold_job_recording';
const HOLD_TRIGGER = 'fault_test_hold_job_recording';

/**
 * Makes the update that records a scan's jobs as published (`scan_jobs.emitted_at`, written by
 * discovery right after the broker acknowledged the jobs) wait on an advisory lock this test
 * holds. Nothing else writes `emitted_at`, so the normaliser's job updates pass.
 */
export async function holdJobRecording(url: string): Promise<HeldJobRecording> {
  const key = advisoryLockKey(HOLD_LOCK).toString();
  const holder = await connect(url);
  await holder.query('SELECT pg_advisory_lock($1::bigint)', [key]);
  await holder.query(`
    CREATE FUNCTION ${HOLD_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${key}::bigint);
      RETURN NEW;
    END $$`);
  await holder.query(`
    CREATE TRIGGER ${HOLD_TRIGGER} BEFORE UPDATE OF emitted_at ON public.scan_jobs
      FOR EACH ROW WHEN (OLD.emitted_at IS DISTINCT FROM NEW.emitted_at)
      EXECUTE FUNCTION ${HOLD_FUNCTION}()`);
  return {
    async waitUntilHeld(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // A bigint advisory key shows in pg_locks as its high and low halves (objsubid 1).
        const unsigned = BigInt.asUintN(64, BigInt(key));
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND classid = $1::oid
              AND objid = $2::oid AND objsubid = 1`,
          [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
        );
        if ((rows[0]?.n ?? 0) > 0) return;
        if (Date.now() > deadline) throw new Error('nothing waited on the job-recording hold');
        await sleep(100);
      }
    },
    async release() {
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
      await holder.query(`DROP TRIGGER ${HOLD_TRIGGER} ON public.scan_jobs`);
      await holder.query(`DROP FUNCTION ${HOLD_FUNCTION}()`);
      await holder.end();
    },
  };
}
