/* eslint-disable no-control-regex -- these specs read the terminal codes the code writes */
import {
  createProgressReporter,
  resolveProgressMode,
  type ProgressReporterOptions,
} from './progress-reporter';
import { type ProgressEvent } from './progress-state';
import { visibleLength } from './text';

const A = '111122223333';
const B = '444455556666';
const C = '777788889999';

const SGR = /\x1b\[[0-9;]*m/g;

/**
 * What a terminal shows after the writes: it understands exactly what the reporter may send
 * (text, newlines, colour, "cursor up N" and "erase below") and fails on anything else.
 */
class Terminal {
  readonly writes: string[] = [];
  private lines: string[] = [''];

  readonly write = (chunk: string): void => {
    this.writes.push(chunk);
    let rest = chunk;
    while (rest.length > 0) {
      const move = /^\x1b\[(\d+)A\x1b\[J/.exec(rest);
      if (move !== null) {
        const up = Number(move[1]);
        expect(this.lines.at(-1)).toBe('');
        expect(up).toBeLessThan(this.lines.length);
        this.lines = [...this.lines.slice(0, this.lines.length - 1 - up), ''];
        rest = rest.slice(move[0].length);
        continue;
      }
      const color = /^\x1b\[[0-9;]*m/.exec(rest);
      if (color !== null) {
        this.lines[this.lines.length - 1] += color[0];
        rest = rest.slice(color[0].length);
        continue;
      }
      const text = /^[^\x1b]+/.exec(rest)?.[0];
      // Any other code, or a control character, is something this terminal would get wrong.
      if (text === undefined || /[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(text)) {
        throw new Error(`unexpected terminal code in ${JSON.stringify(rest.slice(0, 20))}`);
      }
      const [first, ...more] = text.split('\n');
      this.lines[this.lines.length - 1] = `${this.lines.at(-1) ?? ''}${first ?? ''}`;
      this.lines.push(...more);
      rest = rest.slice(text.length);
    }
  };

  /** The screen as text, colour removed, without the empty line under the cursor. */
  get screen(): string {
    return this.rawLines.map((l) => l.replace(SGR, '')).join('\n');
  }

  get rawLines(): string[] {
    return this.lines.slice(0, -1);
  }
}

function reporter(
  mode: ProgressReporterOptions['mode'],
  extra: Partial<ProgressReporterOptions> = {},
): { terminal: Terminal; report: (...events: ProgressEvent[]) => void; close: () => void } {
  const terminal = new Terminal();
  const r = createProgressReporter({ mode, write: terminal.write, ...extra });
  return {
    terminal,
    report: (...events) => events.forEach((e) => r.report(e)),
    close: () => r.close(),
  };
}

function finished(
  accountId: string,
  status: 'succeeded' | 'failed' | 'skipped' | 'cancelled',
  counts: { errors?: number; pass?: number; fail?: number } = {},
): ProgressEvent {
  return {
    kind: 'job-finished',
    accountId,
    status,
    errors: counts.errors ?? 0,
    pass: counts.pass ?? 0,
    fail: counts.fail ?? 0,
  };
}

beforeEach(() => {
  jest.useFakeTimers({ now: 0 });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('resolveProgressMode', () => {
  it.each([
    ['auto', true, 'xterm-256color', 'bars'],
    ['auto', true, undefined, 'bars'],
    ['auto', true, 'dumb', 'plain'],
    ['auto', false, 'xterm-256color', 'plain'],
    ['bars', false, undefined, 'bars'],
    ['plain', true, 'xterm', 'plain'],
    ['none', true, 'xterm', 'none'],
  ] as const)('should take %s on a TTY=%s TERM=%s as %s', (mode, isTTY, term, resolved) => {
    expect(resolveProgressMode(mode, { isTTY, ...(term === undefined ? {} : { term }) })).toBe(
      resolved,
    );
  });
});

describe('none', () => {
  it('should write nothing', () => {
    const { terminal, report, close } = reporter('none');
    report({ kind: 'discovered', accounts: 1, jobs: 1 }, finished(A, 'failed'), {
      kind: 'finished',
    });
    close();
    expect(terminal.writes).toEqual([]);
  });
});

describe('plain', () => {
  it('should write a line per finished job, error and the finish, with the elapsed time', () => {
    const { terminal, report } = reporter('plain');
    report({ kind: 'discovered', accounts: 3, jobs: 4 });
    report({ kind: 'job-started', accountId: A, accountName: 'prod-web' });
    report({ kind: 'job-started', accountId: A, scope: 'organization' });
    report({
      kind: 'job-progress',
      accountId: A,
      regionsDone: 1,
      regionsTotal: 2,
      checksDone: 5,
      checksTotal: 10,
    });
    jest.advanceTimersByTime(7_000);
    report({ kind: 'error', accountId: B, code: 'ASSUME_ROLE_DENIED', message: 'not\nauthorized' });
    report(finished(B, 'failed', { errors: 1 }));
    jest.advanceTimersByTime(65_000);
    report(finished(A, 'succeeded', { pass: 1234, fail: 5, errors: 2 }));
    report({
      kind: 'job-finished',
      accountId: A,
      scope: 'organization',
      status: 'succeeded',
      errors: 0,
      pass: 9,
      fail: 3,
    });
    report(finished(C, 'skipped'));
    report({ kind: 'finished' });
    expect(terminal.screen).toBe(
      [
        '[0:00] Scanning 3 accounts (4 jobs)',
        '[0:07] error 444455556666 ASSUME_ROLE_DENIED: not authorized',
        '[0:07] 1/3 444455556666 failed, 1 error',
        '[1:12] 1/3 prod-web (111122223333) succeeded: 1,234 pass, 5 fail, 2 errors',
        '[1:12] 2/3 prod-web (111122223333) organization checks succeeded: 9 pass, 3 fail',
        '[1:12] 3/3 777788889999 skipped',
        '[1:12] Scan finished in 1m 12s: 1/3 accounts succeeded, 1 failed, 1 skipped; 3 errors',
      ].join('\n'),
    );
    expect(terminal.writes.join('')).not.toContain('\x1b');
  });

  it('should add a line at every tenth of a large scan, short of the end', () => {
    const { terminal, report } = reporter('plain');
    report({ kind: 'discovered', accounts: 20, jobs: 20 });
    for (let i = 0; i < 20; i++) report(finished(String(i).padStart(12, '0'), 'succeeded'));
    const milestones = terminal.screen.split('\n').filter((l) => l.includes('% of accounts'));
    expect(milestones).toEqual(
      [10, 20, 30, 40, 50, 60, 70, 80, 90].map(
        (p) => `[0:00] ${p}% of accounts done (${p / 5}/20)`,
      ),
    );
  });

  it('should say how many errors there are so far at each tenth', () => {
    const { terminal, report } = reporter('plain');
    report({ kind: 'discovered', accounts: 11, jobs: 11 });
    report(finished(A, 'failed', { errors: 2 }), finished(B, 'succeeded'));
    expect(terminal.screen.split('\n').at(-1)).toBe(
      '[0:00] 18% of accounts done (2/11), 2 errors so far',
    );
  });

  it('should not add tenths to a small scan: each line already says the count', () => {
    const { terminal, report } = reporter('plain');
    report({ kind: 'discovered', accounts: 10, jobs: 10 });
    for (let i = 0; i < 10; i++) report(finished(String(i).padStart(12, '0'), 'succeeded'));
    expect(terminal.screen).not.toContain('% of accounts');
  });

  it('should keep control characters of names and messages off the terminal', () => {
    const { terminal, report } = reporter('plain');
    report({ kind: 'job-started', accountId: A, accountName: 'evil\u001b[2Jname' });
    report({ kind: 'error', accountId: A, code: 'X\u0007', message: 'a\r\nb\u009bc' });
    expect(terminal.screen).toBe('[0:00] error evil [2Jname (111122223333) X: a b c');
  });

  it('should cut a very long error message', () => {
    const { terminal, report } = reporter('plain');
    report({ kind: 'error', code: 'AWS_ERROR', message: 'x'.repeat(5000) });
    expect(terminal.screen.length).toBeLessThan(350);
    expect(terminal.screen.endsWith('x…')).toBe(true);
  });

  it('should ignore events after the finish', () => {
    const { terminal, report, close } = reporter('plain');
    report({ kind: 'finished' });
    const before = terminal.screen;
    report(finished(A, 'failed'));
    close();
    expect(terminal.screen).toBe(before);
  });
});

describe('bars', () => {
  function discoveredScan(extra: Partial<ProgressReporterOptions> = {}) {
    const r = reporter('bars', { columns: 100, color: false, ...extra });
    r.report({ kind: 'discovered', accounts: 3, jobs: 3 });
    r.report(
      { kind: 'job-started', accountId: A, accountName: 'prod-web' },
      { kind: 'job-started', accountId: B, accountName: 'data-lake' },
      { kind: 'job-started', accountId: C },
    );
    return r;
  }

  it('should draw the block at once, then at most ten times a second', () => {
    const { terminal, report } = discoveredScan();
    expect(terminal.writes).toHaveLength(1);
    for (let ms = 0; ms < 1000; ms += 5) {
      report({
        kind: 'job-progress',
        accountId: A,
        regionsDone: ms,
        regionsTotal: 1000,
        checksDone: 0,
        checksTotal: 1,
      });
      jest.advanceTimersByTime(5);
    }
    expect(terminal.writes.length).toBeGreaterThanOrEqual(9);
    expect(terminal.writes.length).toBeLessThanOrEqual(12);
  });

  it('should draw a throttled change on the next tick, without another event', () => {
    const { terminal, report } = discoveredScan();
    report(finished(A, 'succeeded'));
    expect(terminal.screen).toContain('0/3');
    jest.advanceTimersByTime(100);
    expect(terminal.screen).toContain('1/3');
  });

  it('should redraw the block in place, keeping one block on screen', () => {
    const { terminal, report } = discoveredScan();
    for (let i = 0; i < 30; i++) {
      jest.advanceTimersByTime(150);
      report({
        kind: 'job-progress',
        accountId: B,
        regionsDone: i,
        regionsTotal: 30,
        checksDone: i * 10,
        checksTotal: 300,
      });
    }
    expect(terminal.screen.match(/Scanning/g)).toHaveLength(1);
    expect(terminal.screen.split('\n')[0]).toBe('Scanning 3 accounts · 0:04');
  });

  it('should show accounts, regions, checks, errors and who is running', () => {
    const { terminal, report } = discoveredScan();
    report({
      kind: 'job-progress',
      accountId: A,
      regionsDone: 5,
      regionsTotal: 10,
      checksDone: 1500,
      checksTotal: 3000,
    });
    report({ kind: 'error', accountId: C, code: 'ASSUME_ROLE_DENIED', message: 'denied' });
    report(finished(C, 'failed', { errors: 1 }));
    jest.advanceTimersByTime(12_000);
    expect(terminal.screen.split('\n')).toEqual([
      '✗ 777788889999 ASSUME_ROLE_DENIED: denied',
      '✗ 777788889999 failed (1 error)',
      'Scanning 3 accounts · 0:12',
      `  accounts  ${'█'.repeat(10)}${'░'.repeat(20)}  1/3          1 failed`,
      `  regions   ${'█'.repeat(15)}${'░'.repeat(15)}  5/10`,
      `  checks    ${'█'.repeat(15)}${'░'.repeat(15)}  1,500/3,000`,
      '  errors    1 · last: 777788889999 ASSUME_ROLE_DENIED: denied',
      '  running   prod-web, data-lake',
    ]);
  });

  it('should leave the final state on screen and stop drawing', () => {
    const { terminal, report } = discoveredScan();
    report(finished(A, 'succeeded'), finished(B, 'succeeded'), finished(C, 'skipped'));
    jest.advanceTimersByTime(125_000);
    report({ kind: 'finished' });
    const final = terminal.screen;
    expect(final.split('\n')).toEqual([
      '– 777788889999 skipped',
      'Scan finished in 2m 05s',
      `  accounts  ${'█'.repeat(30)}  3/3  1 skipped`,
      `  regions   ${'░'.repeat(30)}  0/0`,
      `  checks    ${'░'.repeat(30)}  0/0`,
      '  errors    none',
    ]);
    const writes = terminal.writes.length;
    report(finished(A, 'failed'));
    jest.advanceTimersByTime(10_000);
    expect(terminal.writes).toHaveLength(writes);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('should say the scan stopped when closed before it finished', () => {
    const { terminal, close } = discoveredScan();
    jest.advanceTimersByTime(3_000);
    close();
    expect(terminal.screen.split('\n')[0]).toBe('Scan stopped after 3s');
    expect(terminal.screen).not.toContain('running');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('should say it is discovering before it knows the accounts', () => {
    const { terminal, report } = reporter('bars', { color: false });
    report({ kind: 'error', code: 'ORGANIZATIONS_THROTTLED', message: 'slow down' });
    expect(terminal.screen.split('\n')).toEqual([
      '✗ ORGANIZATIONS_THROTTLED: slow down',
      'Discovering accounts · 0:00',
      '  errors    1 · last: ORGANIZATIONS_THROTTLED: slow down',
    ]);
  });

  it('should keep every line inside a narrow terminal', () => {
    const { terminal, report } = discoveredScan({ columns: 40, color: true });
    report({
      kind: 'error',
      accountId: A,
      code: 'ACCESS_DENIED',
      message: 'User is not authorized to perform ec2:DescribeRegions '.repeat(5),
    });
    jest.advanceTimersByTime(200);
    for (const line of terminal.rawLines) expect(visibleLength(line)).toBeLessThanOrEqual(39);
  });

  it('should list the running accounts that fit, and how many more', () => {
    const { terminal, report } = reporter('bars', { columns: 60, color: false });
    report({ kind: 'discovered', accounts: 12, jobs: 12 });
    for (let i = 0; i < 12; i++) {
      report({
        kind: 'job-started',
        accountId: String(i).padStart(12, '0'),
        accountName: `acct-${i}`,
      });
    }
    jest.advanceTimersByTime(100);
    const running = terminal.screen.split('\n').at(-1)!;
    expect(running).toMatch(/^ {2}running {3}acct-0, acct-1, .*acct-\d+ \+\d+ more$/);
    expect(running.length).toBeLessThanOrEqual(59);
  });

  it('should tell jobs apart by id and count work whose total is not known', () => {
    const { terminal, report } = reporter('bars', { columns: 100, color: false });
    report({ kind: 'discovered', accounts: 1, jobs: 2 });
    for (const jobId of ['job-1', 'job-2']) {
      report({ kind: 'job-started', accountId: A, jobId });
      report({
        kind: 'job-progress',
        accountId: A,
        jobId,
        regionsDone: 2,
        regionsTotal: 4,
        checksDone: 1200,
        checksTotal: 0,
      });
    }
    report({ ...finished(A, 'succeeded'), jobId: 'job-1' } as ProgressEvent);
    jest.advanceTimersByTime(100);
    expect(terminal.screen.split('\n').slice(1, 4)).toEqual([
      `  accounts  ${'░'.repeat(30)}  0/1`,
      `  regions   ${'█'.repeat(23)}${'░'.repeat(7)}  6/8`,
      `  checks    ${'░'.repeat(30)}  2,400`,
    ]);
  });

  it('should colour the block unless told not to', () => {
    const coloured = discoveredScan({ color: true });
    expect(coloured.terminal.writes.join('')).toMatch(/\x1b\[\d+m/);
    const plain = discoveredScan({ color: false });
    expect(plain.terminal.writes.join('').replace(/\x1b\[\d+A\x1b\[J/g, '')).not.toContain('\x1b');
  });
});
