/* eslint-disable no-control-regex -- these specs read the terminal codes the code writes */
import {
  describeFailOn,
  failOnExitCode,
  renderSummaryTable,
  type ScanSummaryModel,
  type SeverityCountsBySeverity,
  type SummaryAccount,
} from './summary-table';
import { visibleLength } from './text';

const SGR = /\x1b\[[0-9;]*m/g;
const NO_OPEN: SeverityCountsBySeverity = {
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  informational: 0,
  unknown: 0,
};

function account(accountId: string, counts: Partial<SummaryAccount> = {}): SummaryAccount {
  return { accountId, pass: 0, fail: 0, error: 0, manual: 0, ...counts };
}

function model(overrides: Partial<ScanSummaryModel> = {}): ScanSummaryModel {
  return {
    status: 'completed',
    durationMs: 134_000,
    accounts: [
      account('111122223333', {
        name: 'prod-web',
        ouPath: '/Root/Prod',
        pass: 1250,
        fail: 88,
        error: 2,
        manual: 3,
      }),
      account('444455556666', {
        name: 'data-lake',
        ouPath: '/Root/Data',
        pass: 412,
        fail: 37,
        manual: 3,
      }),
      account('999988887777', { name: 'log-archive', ouPath: '/Root/Security', pass: 300 }),
    ],
    totals: { pass: 1962, fail: 125, error: 2, manual: 6 },
    openBySeverity: { ...NO_OPEN, critical: 2, high: 14, medium: 40, low: 31 },
    topFailing: [],
    ...overrides,
  };
}

function render(
  m: ScanSummaryModel,
  options: { columns?: number; maxAccounts?: number; maxRequirements?: number } = {},
): string[] {
  return renderSummaryTable(m, { color: false, ...options }).split('\n');
}

/** The account table: from its header to its total line. */
function accountTable(lines: readonly string[]): string[] {
  const start = lines.findIndex((l) => /^(ACCOUNT|ID)\s/.test(l));
  const end = lines.findIndex((l) => l.startsWith('Total'));
  return lines.slice(start, end + 1);
}

describe('renderSummaryTable', () => {
  it('should head the summary with the status, duration and account count', () => {
    expect(render(model())[0]).toBe('Scan completed in 2m 14s · 3 accounts');
    expect(
      render(model({ scanId: 'abc', status: 'completed_with_errors', durationMs: 7_400 }))[0],
    ).toBe('Scan abc completed with errors in 7s · 3 accounts');
    expect(render(model({ status: 'failed' }))[0]).toBe('Scan failed in 2m 14s · 3 accounts');
    expect(render(model({ status: 'cancelled' }))[0]).toBe(
      'Scan was cancelled in 2m 14s · 3 accounts',
    );
    expect(render(model({ status: 'running' }))[0]).toBe(
      'Scan is still running after 2m 14s · 3 accounts',
    );
  });

  it('should list each account with its counts, aligned, and the totals', () => {
    expect(accountTable(render(model()))).toEqual([
      'ACCOUNT      ID            OU               PASS  FAIL  ERROR  MANUAL',
      'prod-web     111122223333  /Root/Prod      1,250    88      2       3',
      'data-lake    444455556666  /Root/Data        412    37      0       3',
      'log-archive  999988887777  /Root/Security    300     0      0       0',
      '─'.repeat(69),
      'Total                                      1,962   125      2       6',
    ]);
  });

  it('should list the most failing accounts first, then the most erroring, then by name', () => {
    const lines = accountTable(
      render(
        model({
          accounts: [
            account('000000000001', { name: 'b-clean' }),
            account('000000000002', { name: 'a-clean' }),
            account('000000000003', { name: 'erroring', error: 4 }),
            account('000000000004', { name: 'failing', fail: 1 }),
            account('000000000005', { name: 'most-failing', fail: 9 }),
          ],
        }),
      ),
    );
    expect(lines.slice(1, 6).map((l) => l.split(/\s+/)[0])).toEqual([
      'most-failing',
      'failing',
      'erroring',
      'a-clean',
      'b-clean',
    ]);
  });

  it('should leave out the name and OU columns when no account has one', () => {
    const lines = accountTable(
      render(
        model({
          accounts: [account('111122223333', { pass: 5, fail: 1 })],
          totals: { pass: 5, fail: 1, error: 0, manual: 0 },
        }),
      ),
    );
    expect(lines[0]).toBe('ID            PASS  FAIL  ERROR  MANUAL');
    expect(lines[1]).toBe('111122223333     5     1      0       0');
    expect(lines.at(-1)).toBe('Total            5     1      0       0');
  });

  it('should cut long names and OU paths and fit the width it is given', () => {
    const long = model({
      accounts: [
        account('111122223333', {
          name: 'data-lake-analytics-production-eu-central-1-primary',
          ouPath: '/Root/Workloads/Analytics/Data/EU/Primary',
          pass: 1,
        }),
      ],
    });
    for (const columns of [72, 80, 100]) {
      const table = accountTable(render(long, { columns }));
      for (const line of table) expect(visibleLength(line)).toBeLessThanOrEqual(columns - 1);
      expect(table[1]).toMatch(/^data-lake-\S*… {2}111122223333 {2}…\S*\/Primary /);
    }
  });

  it('should give up the OU column before the names get too short', () => {
    const table = accountTable(
      render(
        model({
          accounts: [account('111122223333', { name: 'n'.repeat(40), ouPath: '/Root/Prod' })],
        }),
        {
          columns: 60,
        },
      ),
    );
    expect(table[0]).toMatch(/^ACCOUNT +ID +PASS/);
    for (const line of table) expect(visibleLength(line)).toBeLessThanOrEqual(59);
  });

  it('should keep control characters of names off the terminal', () => {
    const lines = render(
      model({ accounts: [account('111122223333', { name: 'evil\u001b[2J\nname' })] }),
    );
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(accountTable(lines)[1]).toMatch(/^evil \[2J name {2}111122223333/);
  });

  it('should list only the most failing accounts of a large scan, and count the rest', () => {
    const accounts = Array.from({ length: 40 }, (_, i) =>
      account(String(i).padStart(12, '0'), { fail: i }),
    );
    const lines = render(model({ accounts }), { maxAccounts: 5 });
    const table = accountTable(lines);
    expect(table.slice(1, 6).map((l) => l.split(/\s+/)[0])).toEqual([
      '000000000039',
      '000000000038',
      '000000000037',
      '000000000036',
      '000000000035',
    ]);
    expect(lines[lines.indexOf(table.at(-1)!) + 1]).toBe(
      '… and 35 more accounts with fewer failures (all are in the report and the API)',
    );
  });

  it('should say when no account was scanned', () => {
    expect(render(model({ accounts: [] }))).toContain('No account was scanned.');
  });

  it('should count the open failures by severity', () => {
    expect(render(model())).toContain(
      'Open failures: 2 critical · 14 high · 40 medium · 31 low · 0 informational',
    );
    expect(render(model({ openBySeverity: { ...NO_OPEN, unknown: 3 } }))).toContain(
      'Open failures: 0 critical · 0 high · 0 medium · 0 low · 0 informational · 3 unknown',
    );
    expect(render(model({ openBySeverity: NO_OPEN }))).toContain('Open failures: none');
  });

  it('should list the top failing requirements under their framework', () => {
    const lines = render(
      model({
        topFailing: [
          {
            frameworkId: 'cis-aws-foundations-v7.0.0',
            requirementId: '2.1.1',
            title: 'Maintain current contact details',
            accounts: 3,
            findings: 3,
          },
          {
            frameworkId: 'custom-framework',
            requirementId: 'C-1',
            title: 'Custom',
            accounts: 2,
            findings: 1_500,
          },
          {
            frameworkId: 'cis-aws-foundations-v7.0.0',
            requirementId: '5.15',
            title: 'Ensure the default security group restricts all traffic',
            accounts: 2,
            findings: 31,
          },
        ],
      }),
    );
    const start = lines.indexOf('Top failing requirements');
    expect(lines.slice(start)).toEqual([
      'Top failing requirements',
      'CIS AWS Foundations Benchmark 7.0.0',
      '  REQ    TITLE                                                    ACCOUNTS  FINDINGS',
      '  2.1.1  Maintain current contact details                                3         3',
      '  5.15   Ensure the default security group restricts all traffic         2        31',
      'custom-framework',
      '  REQ    TITLE                                                    ACCOUNTS  FINDINGS',
      '  C-1    Custom                                                          2     1,500',
      '',
    ]);
  });

  it('should cut requirement titles to the width and list at most the number asked', () => {
    const topFailing = Array.from({ length: 15 }, (_, i) => ({
      frameworkId: 'cis-aws-foundations-v7.0.0',
      requirementId: `1.${i}`,
      title: `Requirement ${i} `.repeat(20),
      accounts: 1,
      findings: 1,
    }));
    const lines = render(model({ topFailing }), { columns: 72, maxRequirements: 4 });
    const rows = lines.filter((l) => /^ {2}1\.\d+ /.test(l));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.length).toBeLessThanOrEqual(71);
      expect(row).toContain('…');
    }
  });

  it('should leave the requirements out when none fails', () => {
    expect(render(model()).join('\n')).not.toContain('Top failing requirements');
  });

  it('should colour the same text it prints without colour', () => {
    const m = model({
      topFailing: [
        {
          frameworkId: 'cis-aws-foundations-v7.0.0',
          requirementId: '2.1.1',
          title: 'T',
          accounts: 1,
          findings: 1,
        },
      ],
    });
    const coloured = renderSummaryTable(m, { color: true });
    expect(coloured).toMatch(SGR);
    expect(
      coloured
        .replace(SGR, '')
        .split('\n')
        .map((l) => l.trimEnd()),
    ).toEqual(renderSummaryTable(m, { color: false }).split('\n'));
    expect(renderSummaryTable(m, { color: false })).not.toContain('\x1b');
  });
});

describe('failOnExitCode', () => {
  it.each([
    [undefined, { critical: 5 }, 0],
    ['critical', { high: 9, medium: 9 }, 0],
    ['critical', { critical: 1 }, 1],
    ['high', { medium: 9, low: 9 }, 0],
    ['high', { high: 1 }, 1],
    ['high', { critical: 1 }, 1],
    ['medium', { low: 9, informational: 9, unknown: 9 }, 0],
    ['medium', { medium: 1 }, 1],
    ['medium', { critical: 1 }, 1],
  ] as const)('should exit with --fail-on %s and %j open: %d', (threshold, counts, code) => {
    expect(failOnExitCode(threshold, { ...NO_OPEN, ...counts })).toBe(code);
  });
});

describe('describeFailOn', () => {
  it('should say which open failures met the threshold', () => {
    expect(describeFailOn('high', { ...NO_OPEN, critical: 2, high: 14, medium: 40 })).toBe(
      '--fail-on high: 16 open failures are high or worse (2 critical, 14 high)',
    );
    expect(describeFailOn('critical', { ...NO_OPEN, critical: 1 })).toBe(
      '--fail-on critical: 1 open failure is critical (1 critical)',
    );
    expect(describeFailOn('medium', { ...NO_OPEN, medium: 1_200 })).toBe(
      '--fail-on medium: 1,200 open failures are medium or worse (1,200 medium)',
    );
  });

  it('should say nothing when the threshold is not met or not set', () => {
    expect(describeFailOn('high', { ...NO_OPEN, medium: 3 })).toBeUndefined();
    expect(describeFailOn(undefined, { ...NO_OPEN, critical: 3 })).toBeUndefined();
  });
});
