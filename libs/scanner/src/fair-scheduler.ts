// Fair share of one worker's job slots between tenants: at most `concurrency` jobs run, at most
// `perTenant` of them for one tenant, and a freed slot goes to the tenant that waited longest
// (round robin), so one tenant's thousand-account scan never starves another's ten.

interface Waiter {
  readonly tenantId: string;
  readonly start: () => void;
}

export class FairJobScheduler {
  private running = 0;
  private readonly runningByTenant = new Map<string, number>();
  /** Tenants with waiting jobs, in the order they will be served. */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly concurrency: number,
    private readonly perTenant: number,
  ) {
    if (concurrency < 1 || perTenant < 1) throw new Error('scheduler limits must be ≥ 1');
  }

  /** Runs `work` when a slot is free for its tenant; resolves or rejects with it. */
  async run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      const queue = this.queues.get(tenantId) ?? [];
      queue.push({ tenantId, start });
      this.queues.set(tenantId, queue);
      this.dispatch();
    });
    try {
      return await work();
    } finally {
      this.running -= 1;
      const n = (this.runningByTenant.get(tenantId) ?? 1) - 1;
      if (n === 0) this.runningByTenant.delete(tenantId);
      else this.runningByTenant.set(tenantId, n);
      this.dispatch();
    }
  }

  /** Jobs running and waiting, per tenant (metrics, tests). */
  stats(): { running: number; waiting: number; runningByTenant: Record<string, number> } {
    let waiting = 0;
    for (const q of this.queues.values()) waiting += q.length;
    return {
      running: this.running,
      waiting,
      runningByTenant: Object.fromEntries(this.runningByTenant),
    };
  }

  private dispatch(): void {
    while (this.running < this.concurrency) {
      const next = this.nextEligible();
      if (next === undefined) return;
      this.running += 1;
      this.runningByTenant.set(next.tenantId, (this.runningByTenant.get(next.tenantId) ?? 0) + 1);
      next.start();
    }
  }

  private nextEligible(): Waiter | undefined {
    for (const [tenantId, queue] of this.queues) {
      if ((this.runningByTenant.get(tenantId) ?? 0) >= this.perTenant) continue;
      const waiter = queue.shift();
      // Served tenants move to the back of the line (Map keeps insertion order).
      this.queues.delete(tenantId);
      if (queue.length > 0) this.queues.set(tenantId, queue);
      return waiter;
    }
    return undefined;
  }
}
