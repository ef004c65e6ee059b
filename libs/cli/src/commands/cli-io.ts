import { type Env } from '@palisade/config';

/** What a command may touch of its process: streams, environment, terminal, signals. */
export interface CliIo {
  /** Results: the summary, where files were written, the served address. */
  readonly out: (text: string) => void;
  /** For the person: what is happening (progress, storage, errors). */
  readonly err: (text: string) => void;
  readonly env: Env;
  /** Whether stderr is a terminal that can redraw (bars) and show colour. */
  readonly terminal: {
    readonly isTTY: boolean;
    readonly columns?: number;
    readonly color: boolean;
  };
  /**
   * Calls `handler` on the first Ctrl-C (SIGINT) or SIGTERM; returns the unsubscribe. A second
   * signal is the process's own default (exit at once).
   */
  readonly onInterrupt: (handler: () => void) => () => void;
}
