import { createHash } from 'node:crypto';
import { escapeHtml, markup } from './html';
import { REPORT_CSP } from './report-assets';
import { CHART_ROWS, formatInstant, renderScanReport } from './scan-report.render';
import { buildScanReport } from './scan-report.fold';
import {
  ACC_1,
  ACC_2,
  CATALOGUE,
  count,
  finding,
  job,
  model,
  reportInput,
  scanSummary,
} from './test/report-fixtures';

const ATTACK = '<script>alert("pwned")</script>';
const IMG = '<img src=x onerror="alert(1)">';

/** The text of every element `tag` in the document. */
function elements(document: string, tag: string): string[] {
  return [...document.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('renderScanReport', () => {
  it('should escape every value from the data, so a resource named <script> never runs', () => {
    const report = renderScanReport(
      model({
        tenant: { id: 't', name: `Tenant ${IMG}` },
        scan: scanSummary({
          source: { id: 's', name: `Org ${ATTACK}`, kind: 'organization', deleted: false },
          error: `failed: ${ATTACK}`,
          problems: {
            total: 1,
            items: [
              {
                kind: 'error',
                accountId: ACC_1,
                scope: 'account',
                region: 'eu-west-1',
                checkId: 'check_a',
                code: 'ACCESS_DENIED',
                message: `denied ${IMG}`,
              },
            ],
          },
        }),
        jobs: [job(ACC_1, { name: `Acct ${ATTACK}`, ouId: 'ou-1', ouPath: `/Root/${ATTACK}` })],
        ous: [{ ouId: 'ou-1', name: `OU ${IMG}`, parentId: null, path: `/Root/${ATTACK}` }],
        counts: [count(ACC_1, 'check_a', 'FAIL', 1)],
        findings: [finding({ resourceUid: ATTACK, title: `Title ${IMG}`, resourceType: IMG })],
      }),
    );

    // The report's own script is the only one; no attacker markup survives anywhere.
    expect(elements(report, 'script')).toHaveLength(1);
    expect(report).not.toContain('<script>alert');
    expect(report).not.toContain('<img');
    expect(report).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(report).toContain('Title &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(report).toContain('Tenant &lt;img');
  });

  it('should be one self-contained document: no network reference, its style and script allowed by hash', () => {
    const report = renderScanReport(
      model({
        counts: [count(ACC_1, 'check_a', 'FAIL', 1)],
        findings: [finding()],
      }),
    );

    expect(report.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    // The only URL is the SVG namespace, which is an identifier, not a fetch.
    const urls = [...report.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+/gi)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org']));
    expect(report).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(report).not.toMatch(/\s(src|style)=/);
    expect(report).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    );
    const [style] = elements(report, 'style');
    const [script] = elements(report, 'script');
    expect(REPORT_CSP).toContain(`style-src ${hashOf(style ?? '')}`);
    expect(REPORT_CSP).toContain(`script-src ${hashOf(script ?? '')}`);
    expect(REPORT_CSP).toContain("default-src 'none'");
  });

  it('should render an empty scan (no jobs, no findings) with a note in every section', () => {
    const report = renderScanReport(
      model({
        scan: scanSummary({ status: 'queued', startedAt: null, finishedAt: null }),
        jobs: [],
      }),
    );

    expect(report).toContain('Queued');
    expect(report).toContain('This scan has no account jobs yet.');
    expect(report).toContain('No requirement fails for the accounts of this scan.');
    expect(report).toContain('No findings recorded for these accounts yet.');
    expect(report).toContain('Trends appear once daily posture snapshots');
    expect(report).not.toContain('id="findings-table"');
    expect(report).not.toContain('id="chart-accounts"');
  });

  it('should say when the findings table is capped, with the total', () => {
    const capped = renderScanReport(
      model({
        counts: [count(ACC_1, 'check_a', 'FAIL', 12_345)],
        findings: [finding(), finding({ uid: 'b'.repeat(64) })],
        findingsLimit: 2,
      }),
    );
    const whole = renderScanReport(
      model({ counts: [count(ACC_1, 'check_a', 'FAIL', 1)], findings: [finding()] }),
    );

    expect(capped).toContain('Showing the first 2 of 12,345 findings');
    expect(elements(capped, 'tbody').at(-1)?.match(/<tr /g)).toHaveLength(2);
    expect(whole).not.toContain('Showing the first');
  });

  it('should print the scores the model computes, per account and overall', () => {
    const report = renderScanReport(
      model({
        counts: [
          count(ACC_1, 'check_a', 'PASS', 2),
          count(ACC_1, 'check_a', 'FAIL', 1),
          count(ACC_1, 'check_a', 'FAIL', 5, { suppressed: true }),
          count(ACC_2, 'check_a', 'FAIL', 1),
        ],
      }),
    );

    // Overall 2 / (2 + 2): the suppressed ones are not in the score.
    expect(report).toMatch(/Posture score<\/div><div class="value score score-poor">50%/);
    expect(report).toContain('66.67%');
    expect(report).toContain('>0%<');
  });

  it('should draw the severity, per-account and trend charts as inline SVG', () => {
    const report = renderScanReport(
      model({
        counts: [
          count(ACC_1, 'check_a', 'PASS', 3),
          count(ACC_1, 'check_a', 'FAIL', 1, { severity: 'critical' }),
          count(ACC_2, null, null, 2, { severity: 'medium' }),
        ],
        snapshots: [
          {
            day: '2026-03-08',
            framework: 'fw-a',
            passed: 1,
            failed: 1,
            manual: 0,
            errored: 0,
            suppressed: 0,
          },
          {
            day: '2026-03-09',
            framework: 'fw-a',
            passed: 3,
            failed: 1,
            manual: 0,
            errored: 0,
            suppressed: 0,
          },
        ],
      }),
    );

    for (const id of ['chart-severity', 'chart-accounts', 'chart-trends']) {
      expect(report).toContain(`aria-labelledby="${id}-t ${id}-d"`);
    }
    expect(report).toContain('<title>Critical: 1 open check findings</title>');
    expect(report).toContain('<title>Medium: 2 open Inspector2 findings</title>');
    expect(report).toContain('<title>111111111111 · Account 111: 3 passed</title>');
    expect(report).toMatch(/<path d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/);
  });

  it('should leave out the trend chart with a single day of snapshots', () => {
    const report = renderScanReport(
      model({
        snapshots: [
          {
            day: '2026-03-09',
            framework: 'fw-a',
            passed: 3,
            failed: 1,
            manual: 0,
            errored: 0,
            suppressed: 0,
          },
        ],
      }),
    );

    expect(report).not.toContain('chart-trends');
    expect(report).toContain('(1 day so far)');
  });

  it('should chart at most CHART_ROWS accounts, lowest score first, and list them all', () => {
    const jobs = Array.from({ length: CHART_ROWS + 5 }, (_, i) => job(String(100_000_000_000 + i)));
    const counts = jobs.map((j, i) => count(j.accountId, 'check_a', i === 7 ? 'FAIL' : 'PASS', 1));
    const report = renderScanReport(buildScanReport(reportInput({ jobs, counts }), CATALOGUE));

    const chart = report.slice(
      report.indexOf('id="chart-accounts-t"'),
      report.indexOf('</svg>', report.indexOf('id="chart-accounts-t"')),
    );
    expect(chart.match(/<g>/g)).toHaveLength(CHART_ROWS);
    expect(chart.indexOf('100000000007')).toBeLessThan(chart.indexOf('100000000000'));
    expect(report).toContain(`the table lists all ${CHART_ROWS + 5}`);
  });

  it('should give the findings table headers, the filter controls and data attributes to filter on', () => {
    const report = renderScanReport(
      model({
        counts: [count(ACC_1, 'check_a', 'FAIL', 1)],
        findings: [finding({ severity: 'critical' })],
      }),
    );

    expect(report).toContain('<th scope="col">Severity</th>');
    expect(report).toContain('<tr data-severity="critical" data-state="open">');
    expect(report).toContain('<label for="filter-text">');
    expect(report).toContain('<select id="filter-severity">');
    expect(report).toContain('<option value="open">Open (1)</option>');
    expect(report).toContain('Findings as of 2026-03-10 09:00 UTC.');
  });
});

describe('formatInstant', () => {
  it('should print instants in UTC to the minute, whatever offset they carry', () => {
    expect(formatInstant('2026-03-10T09:00:59.999Z')).toBe('2026-03-10 09:00 UTC');
    expect(formatInstant('2026-03-10T10:30:00+01:00', false)).toBe('2026-03-10 09:30');
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('not a time')).toBe('not a time');
  });
});

describe('markup', () => {
  it('should escape interpolations, join arrays and keep nested markup', () => {
    const inner = markup`<b>${'<i>'}</b>`;
    expect(markup`<p title="${'"x"'}">${[inner, ' & ', 3, null, false, undefined]}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b> &amp; 3</p>',
    );
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
