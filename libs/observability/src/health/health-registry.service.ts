import type { OnModuleDestroy } from '@nestjs/common';

/**
 * A readiness check: resolves when the dependency is usable, rejects (or times out) when not.
 * The signal aborts when the check has timed out, so a check can cancel its own work.
 */
export type ReadinessCheck = (signal: AbortSignal) => Promise<void>;

export interface CheckResult {
  readonly status: 'ok' | 'error';
  readonly error?: string;
}

export interface ReadinessReport {
  readonly status: 'ok' | 'unavailable';
  /** Present once shutdown has begun: the process stays live but takes no new work. */
  readonly shuttingDown?: true;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

export interface HealthRegistryOptions {
  /** How long each check may take before it counts as failed. */
  readonly checkTimeoutMs: number;
}

const MAX_ERROR_LENGTH = 300;

/**
 * Where modules register what "ready" means for them (messaging registers "kafka",
 * persistence "postgres"), typically in `onModuleInit`. Readiness runs every check in
 * parallel, each under its own timeout, and is false as soon as shutdown begins so that load
 * balancers stop routing to the process while it drains.
 */
export class HealthRegistry implements OnModuleDestroy {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;
  private readonly shutdownListeners = new Set<() => void>();

  constructor(private readonly options: HealthRegistryOptions) {}

  /** Registers a check under a unique name; returns a function that removes it. */
  register(name: string, check: ReadinessCheck): () => void {
    if (this.checks.has(name)) {
      throw new Error(`A readiness check named "${name}" is already registered`);
    }
    this.checks.set(name, check);
    return () => {
      if (this.checks.get(name) === check) {
        this.checks.delete(name);
      }
    };
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  markShuttingDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const listener of this.shutdownListeners) listener();
  }

  /**
   * Called once when shutdown begins (the signal, before Nest closes any module), so long work
   * can start handing itself back while consumers drain. Returns a function that unsubscribes.
   */
  onShuttingDown(listener: () => void): () => void {
    if (this.shuttingDown) {
      listener();
      return () => undefined;
    }
    this.shutdownListeners.add(listener);
    return () => this.shutdownListeners.delete(listener);
  }

  async readiness(): Promise<ReadinessReport> {
    if (this.shuttingDown) {
      return { status: 'unavailable', shuttingDown: true, checks: {} };
    }
    const results = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    const allOk = results.every(([, result]) => result.status === 'ok');
    if (this.shuttingDown) {
      return { status: 'unavailable', shuttingDown: true, checks: Object.fromEntries(results) };
    }
    return { status: allOk ? 'ok' : 'unavailable', checks: Object.fromEntries(results) };
  }

  onModuleDestroy(): void {
    this.markShuttingDown();
  }

  private async run(check: ReadinessCheck): Promise<CheckResult> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`timed out after ${this.options.checkTimeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, this.options.checkTimeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => check(controller.signal)), timeout]);
      return { status: 'ok' };
    } catch (error) {
      return { status: 'error', error: describe(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
