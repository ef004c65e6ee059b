import { Html, markup } from './html';
import { REPORT_CSP, REPORT_SCRIPT, REPORT_STYLE } from './report-assets';
import {
  COLOURS,
  formatScore,
  legend,
  POSTURE_LEGEND,
  postureBars,
  scoreMeter,
  severityBars,
  trendLegend,
  trendLines,
} from './report-charts';
import {
  type AccountPosture,
  FINDING_STATES,
  type FindingRow,
  type FindingState,
  type OuPosture,
  type PostureCounts,
  type ScanProblem,
  type ScanReportJob,
  type ScanReportModel,
  SEVERITY_ORDER,
  type SeverityCounts,
} from './scan-report.model';

/** Accounts and OUs drawn in the bar charts at most (the tables list all of them). */
export const CHART_ROWS = 40;
/** Failing accounts named per requirement (the rest are counted). */
const NAMED_ACCOUNTS = 8;

const STATE_LABELS: Record<FindingState, string> = {
  open: 'Open',
  manual: 'Manual',
  error: 'Error',
  suppressed: 'Suppressed',
  resolved: 'Resolved',
  passing: 'Passing',
};

const SCAN_STATUS_LABELS: Record<ScanReportModel['scan']['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  completed_with_errors: 'Completed with errors',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const NUMBER = new Intl.NumberFormat('en-US');
const fmt = (n: number) => NUMBER.format(n);
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const capitalise = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** `2026-03-10 14:05 UTC` from an ISO instant (without the zone for table cells). */
export function formatInstant(iso: string | null, withZone = true): string {
  if (iso === null) return '—';
  // The model's instants are `toISOString()` output (UTC): cut, no parsing (thousands of rows).
  let utc = iso;
  if (!UTC_ISO.test(iso)) {
    const parsed = new Date(iso);
    if (Number.isNaN(parsed.getTime())) return iso;
    utc = parsed.toISOString();
  }
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)}${withZone ? ' UTC' : ''}`;
}

function formatDuration(from: string | null, to: string | null): string {
  if (from === null || to === null) return '—';
  const seconds = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function scoreClass(score: number | null): string {
  if (score === null) return 'score muted';
  return `score ${score >= 90 ? 'score-good' : score >= 70 ? 'score-fair' : 'score-poor'}`;
}

function score(value: number | null): Html {
  return markup`<span class="${scoreClass(value)}">${formatScore(value)}</span>`;
}

function postureCells(p: PostureCounts): Html {
  return markup`<td class="num">${fmt(p.passed)}</td><td class="num">${fmt(p.failed)}</td><td class="num">${fmt(p.manual)}</td><td class="num">${fmt(p.errored)}</td><td class="num">${fmt(p.suppressed)}</td><td class="num">${score(p.score)}${p.score === null ? null : markup`<br>${scoreMeter(p.score)}`}</td>`;
}

const POSTURE_HEADERS = markup`<th scope="col" class="num">Passed</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Manual</th><th scope="col" class="num">Error</th><th scope="col" class="num">Suppressed</th><th scope="col" class="num">Score</th>`;

const OPEN_HEADER = markup`<th scope="col" class="num fw">Open critical / high</th>`;

function openCell(open: SeverityCounts): Html {
  return markup`<td class="num">${fmt(open.critical)} / ${fmt(open.high)}</td>`;
}

/** Lowest score first (no score last), then most failed, then by key. */
function worstFirst<T extends { readonly posture: PostureCounts }>(key: (row: T) => string) {
  return (a: T, b: T): number => {
    const sa = a.posture.score ?? Infinity;
    const sb = b.posture.score ?? Infinity;
    if (sa !== sb) return sa - sb;
    if (a.posture.failed !== b.posture.failed) return b.posture.failed - a.posture.failed;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  };
}

function accountLabel(account: AccountPosture): string {
  return account.name === null ? account.accountId : `${account.accountId} · ${account.name}`;
}

function jobText(job: ScanReportJob): string {
  const status =
    job.status === 'succeeded'
      ? 'scanned'
      : job.status === 'failed'
        ? `failed${job.errorCode ? ` (${job.errorCode})` : ''}`
        : job.status === 'skipped'
          ? `skipped${job.skipReason ? ` (${job.skipReason})` : ''}`
          : job.status;
  return job.scope === 'organization' ? `Organization job: ${status}` : capitalise(status);
}

function header(model: ScanReportModel): Html {
  const { scan } = model;
  const kind = scan.source.kind === 'organization' ? 'AWS Organization' : 'AWS accounts';
  return markup`<header class="masthead">
<div class="brand">Palisade · Scan report</div>
<h1>${scan.source.name}</h1>
<p>Tenant <strong>${model.tenant.name}</strong> · ${kind} source${scan.source.deleted ? ' (deleted since)' : ''} · scan <code>${scan.id}</code> · <span class="badge scan-${scan.status}">${SCAN_STATUS_LABELS[scan.status]}</span></p>
<p>Requested ${formatInstant(scan.requestedAt)}${scan.finishedAt === null ? null : markup` · finished ${formatInstant(scan.finishedAt)}`}</p>
<p class="asof"><strong>Findings as of ${formatInstant(model.generatedAt)}.</strong> Posture, failing requirements, severities and the findings table show the current state of this tenant's findings for the ${plural(model.accounts.length, 'account')} of this scan, including what later scans changed; they are not a copy taken when this scan ran. The scan section is this scan's own.</p>
</header>`;
}

function kpis(model: ScanReportModel): Html {
  const { totals, scan } = model;
  const open = model.openBySeverity;
  const openOf = (s: 'critical' | 'high') => open.checks[s] + open.inspector[s];
  const failing = model.failingRequirements.reduce((n, f) => n + f.requirements.length, 0);
  const c = scan.counts;
  return markup`<section class="kpis" aria-label="Summary">
<div class="kpi"><div class="label">Posture score</div><div class="value ${scoreClass(totals.posture.score)}">${formatScore(totals.posture.score)}</div><div class="detail">${fmt(totals.posture.passed)} passed · ${fmt(totals.posture.failed)} failed check results</div></div>
<div class="kpi"><div class="label">Open findings</div><div class="value">${fmt(totals.byState.open)}</div><div class="detail">${fmt(openOf('critical'))} critical · ${fmt(openOf('high'))} high</div></div>
<div class="kpi"><div class="label">Failing requirements</div><div class="value">${fmt(failing)}</div><div class="detail">in ${plural(model.failingRequirements.length, 'framework')}</div></div>
<div class="kpi"><div class="label">Accounts</div><div class="value">${fmt(model.accounts.length)}</div><div class="detail">${fmt(c.accountsDone)} scanned · ${fmt(c.accountsFailed)} failed · ${fmt(c.accountsSkipped)} skipped</div></div>
<div class="kpi"><div class="label">Changed by this scan</div><div class="value">${fmt(c.findingsNew + c.findingsReopened + c.findingsResolved)}</div><div class="detail">${fmt(c.findingsNew)} new · ${fmt(c.findingsReopened)} reopened · ${fmt(c.findingsResolved)} resolved</div></div>
</section>`;
}

const TOC = markup`<nav class="toc" aria-label="Contents"><a href="#scan">Scan</a><a href="#posture">Posture</a><a href="#requirements">Failing requirements</a><a href="#severity">Severity</a><a href="#trends">Trends</a><a href="#findings">Findings</a></nav>`;

function problemRow(p: ScanProblem): Html {
  const kind = p.kind === 'failed' ? 'Job failed' : p.kind === 'region' ? 'Region failed' : 'Error';
  return markup`<tr><td class="nowrap">${kind}</td><td class="mono nowrap">${p.accountId}</td><td>${p.scope}</td><td class="nowrap">${p.region ?? '—'}</td><td class="mono">${p.checkId ?? '—'}</td><td class="mono">${p.code ?? '—'}</td><td>${p.message ?? ''}</td></tr>
`;
}

function problemsPart(model: ScanReportModel): Html | null {
  const { problems, id } = model.scan;
  if (problems.total === 0) return null;
  const capped =
    problems.total > problems.items.length
      ? markup`<p class="note" role="note">The first ${fmt(problems.items.length)} of ${fmt(problems.total)} problems are listed; the jobs of <code>GET /v1/scans/${id}</code> carry all of them.</p>`
      : null;
  return markup`<h3>Problems (${fmt(problems.total)})</h3>
${capped}
<div class="table-wrap"><table><caption>Failed jobs, regions that could not be scanned, and errors the jobs reported</caption>
<thead><tr><th scope="col">Kind</th><th scope="col">Account</th><th scope="col">Job</th><th scope="col">Region</th><th scope="col">Check</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead>
<tbody>
${problems.items.map(problemRow)}</tbody></table></div>`;
}

function scanSection(model: ScanReportModel): Html {
  const { scan } = model;
  const c = scan.counts;
  const r = scan.request;
  const trigger =
    scan.trigger === 'schedule'
      ? markup`Schedule${scan.scheduleId === null ? null : markup` <code>${scan.scheduleId}</code>`}`
      : scan.trigger === 'cli'
        ? 'The CLI'
        : 'An API request';
  const cancel =
    scan.cancelRequestedAt === null
      ? null
      : markup` · cancel requested ${formatInstant(scan.cancelRequestedAt)}`;
  const optional = (label: string, values: readonly string[] | null) =>
    values === null ? null : markup`<dt>${label}</dt><dd class="mono">${values.join(', ')}</dd>`;
  const organizationJob =
    c.organizationJobsTotal === 0
      ? null
      : markup`<dt>Organization job</dt><dd>${c.organizationJobsFailed > 0 ? 'Failed' : 'Run'} (the organization-level checks, with the management role)</dd>`;
  const error =
    scan.error === null
      ? null
      : markup`<p class="alert" role="note"><strong>${SCAN_STATUS_LABELS[scan.status]}:</strong> ${scan.error}</p>`;
  return markup`<section id="scan" aria-labelledby="scan-h">
<h2 id="scan-h">Scan</h2>
<p class="lede">What this scan was asked to do and how it ran.</p>
<dl class="facts">
<dt>Status</dt><dd><span class="badge scan-${scan.status}">${SCAN_STATUS_LABELS[scan.status]}</span>${cancel}</dd>
<dt>Source</dt><dd>${scan.source.name} <span class="muted">(${scan.source.kind}, <code>${scan.source.id}</code>)</span></dd>
<dt>Triggered by</dt><dd>${trigger}</dd>
<dt>Requested</dt><dd>${formatInstant(scan.requestedAt)}</dd>
<dt>Started</dt><dd>${formatInstant(scan.startedAt)}</dd>
<dt>Finished</dt><dd>${formatInstant(scan.finishedAt)}</dd>
<dt>Duration</dt><dd>${formatDuration(scan.startedAt, scan.finishedAt)}</dd>
<dt>Regions</dt><dd>${r.regions === null ? 'Every enabled region' : r.regions.join(', ')}</dd>
<dt>Frameworks</dt><dd>${r.frameworks === null ? (r.checks === null ? 'Every framework' : '—') : r.frameworks.join(', ')}</dd>
${optional('Checks', r.checks)}${optional('Accounts asked for', r.accountIds)}${optional('OUs asked for', r.ouIds)}
<dt>Accounts</dt><dd>${fmt(c.accountsTotal)} in scope: ${fmt(c.accountsDone)} scanned, ${fmt(c.accountsFailed)} failed, ${fmt(c.accountsSkipped)} skipped, ${fmt(c.accountsCancelled)} cancelled</dd>
${organizationJob}
<dt>Jobs with errors</dt><dd>${fmt(c.jobsWithErrors)}</dd>
<dt>Findings changed</dt><dd>${fmt(c.findingsNew)} new, ${fmt(c.findingsReopened)} reopened, ${fmt(c.findingsResolved)} resolved by this scan</dd>
</dl>
${error}
${problemsPart(model)}
</section>`;
}

function frameworkTable(model: ScanReportModel): Html {
  if (model.frameworks.length === 0) {
    return markup`<p class="empty">No check results of any framework for these accounts yet.</p>`;
  }
  return markup`<div class="table-wrap"><table><caption>Check results per framework over the accounts of this scan; a result counts in every framework its check implements</caption>
<thead><tr><th scope="col">Framework</th>${POSTURE_HEADERS}</tr></thead>
<tbody>
${model.frameworks.map(
  (f) =>
    markup`<tr><th scope="row">${f.name}${f.version === null ? null : markup` <span class="muted">v${f.version}</span>`}<br><span class="mono muted">${f.id}</span></th>${postureCells(f.posture)}</tr>
`,
)}</tbody></table></div>`;
}

function accountRow(a: AccountPosture, frameworks: ScanReportModel['frameworks']): Html {
  const state =
    a.state !== null && a.state !== 'ACTIVE'
      ? markup`<br><span class="muted">${a.state}</span>`
      : null;
  const jobs = a.jobs.map((j, i) => markup`${i > 0 ? markup`<br>` : null}${jobText(j)}`);
  const byFramework = frameworks.map(
    (f) => markup`<td class="num">${score(a.frameworks[f.id]?.score ?? null)}</td>`,
  );
  return markup`<tr><th scope="row" class="nowrap"><span class="mono">${a.accountId}</span>${a.name === null ? null : markup`<br>${a.name}`}${state}</th><td>${a.ouPath ?? '—'}</td><td>${jobs}</td>${postureCells(a.posture)}${byFramework}${openCell(a.open)}</tr>
`;
}

function accountsPart(model: ScanReportModel): Html {
  if (model.accounts.length === 0) {
    return markup`<h3>By account</h3><p class="empty">This scan has no account jobs yet.</p>`;
  }
  const sorted = [...model.accounts].sort(worstFirst<AccountPosture>((a) => a.accountId));
  const charted = sorted.slice(0, CHART_ROWS);
  const more =
    sorted.length > charted.length
      ? markup`<p class="muted">The chart shows the ${fmt(charted.length)} accounts with the lowest score; the table lists all ${fmt(sorted.length)}.</p>`
      : null;
  const chart = postureBars(
    'chart-accounts',
    'Posture by account',
    charted.map((a) => ({ label: accountLabel(a), posture: a.posture })),
  );
  const frameworkHeaders = model.frameworks.map(
    (f) => markup`<th scope="col" class="num fw">${f.name}</th>`,
  );
  return markup`<h3>By account</h3>
${POSTURE_LEGEND}
${chart}
${more}
<div class="table-wrap"><table><caption>Accounts of this scan, lowest score first; each check finding counted once, then the score per framework</caption>
<thead><tr><th scope="col">Account</th><th scope="col">OU</th><th scope="col">This scan</th>${POSTURE_HEADERS}${frameworkHeaders}${OPEN_HEADER}</tr></thead>
<tbody>
${sorted.map((a) => accountRow(a, model.frameworks))}</tbody></table></div>`;
}

function ouRow(o: OuPosture): Html {
  const direct =
    o.directAccounts === o.accounts
      ? null
      : markup`<br><span class="muted">${fmt(o.directAccounts)} direct</span>`;
  return markup`<tr><th scope="row" class="d${Math.min(o.depth, 5)}">${o.name}<br><span class="muted">${o.path}</span> <span class="mono muted">${o.ouId}</span></th><td class="num">${fmt(o.accounts)}${direct}</td>${postureCells(o.posture)}${openCell(o.open)}</tr>
`;
}

function ousPart(model: ScanReportModel): Html {
  if (model.ous.length === 0) {
    const why =
      model.scan.source.kind === 'accounts'
        ? 'This source lists accounts directly: there are no organizational units.'
        : 'No organizational unit is known for these accounts.';
    return markup`<h3>By organizational unit</h3><p class="empty">${why}</p>`;
  }
  const charted = [...model.ous].sort(worstFirst<OuPosture>((o) => o.path)).slice(0, CHART_ROWS);
  const more =
    model.ous.length > charted.length
      ? markup`<p class="muted">The chart shows the ${fmt(charted.length)} OUs with the lowest score; the table lists all ${fmt(model.ous.length)}.</p>`
      : null;
  const chart = postureBars(
    'chart-ous',
    'Posture by organizational unit',
    charted.map((o) => ({ label: o.path, posture: o.posture })),
  );
  return markup`<h3>By organizational unit</h3>
${chart}
${more}
<div class="table-wrap"><table><caption>Each OU with the accounts of this scan in it or below it, in tree order</caption>
<thead><tr><th scope="col">Organizational unit</th><th scope="col" class="num">Accounts</th>${POSTURE_HEADERS}${OPEN_HEADER}</tr></thead>
<tbody>
${model.ous.map(ouRow)}</tbody></table></div>`;
}

function postureSection(model: ScanReportModel): Html {
  return markup`<section id="posture" aria-labelledby="posture-h">
<h2 id="posture-h">Posture</h2>
<p class="lede">Score = passed ÷ (passed + failed) check results. Manual, error and suppressed results are shown but never scored; a resolved finding counts only when its last result passed. Amazon Inspector findings are not part of the posture (see severity and findings).</p>
<h3>By framework</h3>
${frameworkTable(model)}
${accountsPart(model)}
${ousPart(model)}
</section>`;
}

function requirementsSection(model: ScanReportModel): Html {
  const body =
    model.failingRequirements.length === 0
      ? markup`<p class="empty">No requirement fails for the accounts of this scan.</p>`
      : model.failingRequirements.map((f) => {
          const rows = f.requirements.map((r) => {
            const more =
              r.failingAccounts.length > NAMED_ACCOUNTS
                ? markup` <span class="muted">and ${fmt(r.failingAccounts.length - NAMED_ACCOUNTS)} more</span>`
                : null;
            return markup`<tr><th scope="row" class="nowrap">${r.id}</th><td>${r.title}</td><td class="num">${fmt(r.failingAccounts.length)}</td><td class="mono">${r.failingAccounts.slice(0, NAMED_ACCOUNTS).join(', ')}${more}</td><td class="mono">${r.checks.join(', ')}</td><td class="num">${fmt(r.findings)}</td></tr>
`;
          });
          return markup`<h3>${f.name}${f.version === null ? '' : ` v${f.version}`} <span class="muted">(${plural(f.requirements.length, 'requirement')})</span></h3>
<div class="table-wrap"><table><caption>Requirements of ${f.name} with failing findings (not suppressed)</caption>
<thead><tr><th scope="col">Requirement</th><th scope="col">Title</th><th scope="col" class="num">Failing accounts</th><th scope="col">Accounts</th><th scope="col">Checks</th><th scope="col" class="num">Findings</th></tr></thead>
<tbody>
${rows}</tbody></table></div>
`;
        });
  return markup`<section id="requirements" aria-labelledby="requirements-h">
<h2 id="requirements-h">Failing requirements</h2>
<p class="lede">Framework requirements with at least one failing check finding on these accounts, in each framework's order.</p>
${body}
</section>`;
}

function severitySection(model: ScanReportModel): Html {
  const open = model.openBySeverity;
  const total = SEVERITY_ORDER.reduce((n, s) => n + open.checks[s] + open.inspector[s], 0);
  const rows = SEVERITY_ORDER.map(
    (s) =>
      markup`<tr><th scope="row"><span class="badge sev-${s}">${capitalise(s)}</span></th><td class="num">${fmt(open.checks[s])}</td><td class="num">${fmt(open.inspector[s])}</td><td class="num">${fmt(open.checks[s] + open.inspector[s])}</td></tr>
`,
  );
  const chartLegend = legend([
    { label: 'Check results', colour: COLOURS.checks },
    { label: 'Amazon Inspector', colour: COLOURS.inspector },
  ]);
  return markup`<section id="severity" aria-labelledby="severity-h">
<h2 id="severity-h">Open findings by severity</h2>
<p class="lede">Findings failing now and not suppressed: ${fmt(total)} in all.</p>
${chartLegend}
${severityBars('chart-severity', open)}
<div class="table-wrap"><table><caption>Open findings per severity</caption>
<thead><tr><th scope="col">Severity</th><th scope="col" class="num">Check results</th><th scope="col" class="num">Amazon Inspector</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>
${rows}</tbody></table></div>
</section>`;
}

function trendsSection(model: ScanReportModel): Html {
  const days = new Set(model.trends.flatMap((s) => s.points.map((p) => p.day)));
  const rows = model.trends.flatMap((s) =>
    s.points.map(
      (p) =>
        markup`<tr><th scope="row" class="nowrap">${p.day}</th><td>${s.frameworkName}</td>${postureCells(p)}</tr>
`,
    ),
  );
  const body =
    days.size < 2
      ? markup`<p class="empty">Trends appear once daily posture snapshots of these accounts cover more than one day (${plural(days.size, 'day')} so far).</p>`
      : markup`${trendLegend(model.trends)}
${trendLines('chart-trends', model.trends)}
<details><summary>The numbers</summary><div class="table-wrap"><table><caption>Daily posture per framework over the accounts of this scan</caption>
<thead><tr><th scope="col">Day</th><th scope="col">Framework</th>${POSTURE_HEADERS}</tr></thead>
<tbody>
${rows}</tbody></table></div></details>`;
  return markup`<section id="trends" aria-labelledby="trends-h">
<h2 id="trends-h">Trends</h2>
<p class="lede">Daily posture score of these accounts per framework, from the posture snapshots of the last days (UTC).</p>
${body}
</section>`;
}

function findingRow(f: FindingRow): Html {
  const detail =
    f.state === 'open' && f.status === 'new'
      ? 'new'
      : f.state === 'suppressed'
        ? f.status.replace('_', ' ')
        : null;
  return markup`<tr data-severity="${f.severity}" data-state="${f.state}"><td><span class="badge sev-${f.severity}">${capitalise(f.severity)}</span></td><td class="title">${f.title}</td><td class="mono nowrap">${f.accountId}</td><td class="nowrap">${f.region}</td><td class="wrap"><span class="mono">${f.resourceUid}</span><br><span class="muted">${f.resourceType}</span></td><td class="mono check">${f.checkId ?? 'Amazon Inspector'}</td><td><span class="badge st-${f.state}">${STATE_LABELS[f.state]}</span>${detail === null ? null : markup`<br><span class="muted">${detail}</span>`}</td><td class="nowrap">${formatInstant(f.firstSeenAt, false)}</td><td class="nowrap">${formatInstant(f.lastSeenAt, false)}</td></tr>
`;
}

function findingsSection(model: ScanReportModel): Html {
  const { findings, totals } = model;
  const capped =
    findings.total > findings.rows.length
      ? markup`<p class="note" role="note"><strong>Showing the first ${fmt(findings.rows.length)} of ${fmt(findings.total)} findings</strong> (open first, then by severity). <code>GET /v1/findings</code> and the exports list all of them.</p>`
      : null;
  const severityOptions = SEVERITY_ORDER.map(
    (s) => markup`<option value="${s}">${capitalise(s)}</option>`,
  );
  const stateOptions = FINDING_STATES.filter((s) => totals.byState[s] > 0).map(
    (s) => markup`<option value="${s}">${STATE_LABELS[s]} (${fmt(totals.byState[s])})</option>`,
  );
  const body =
    findings.rows.length === 0
      ? markup`<p class="empty">No findings recorded for these accounts yet.</p>`
      : markup`${capped}
<form id="findings-filters" class="filters" role="search" aria-label="Filter the findings" hidden>
<label for="filter-text">Search <input id="filter-text" type="search" placeholder="Title, account, resource, check…" autocomplete="off"></label>
<label for="filter-severity">Severity <select id="filter-severity"><option value="">All severities</option>${severityOptions}</select></label>
<label for="filter-state">Status <select id="filter-state"><option value="">All statuses</option>${stateOptions}</select></label>
<output id="filter-count" for="filter-text filter-severity filter-state" aria-live="polite"></output>
</form>
<div class="table-wrap"><table id="findings-table"><caption>Findings of the accounts of this scan as of ${formatInstant(model.generatedAt)}; times in UTC</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Title</th><th scope="col">Account</th><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Check</th><th scope="col">Status</th><th scope="col">First seen</th><th scope="col">Last seen</th></tr></thead>
<tbody>
${findings.rows.map(findingRow)}</tbody></table></div>`;
  const byState = FINDING_STATES.map(
    (s, i) =>
      markup`${i > 0 ? ', ' : ''}${fmt(totals.byState[s])} ${s === 'error' ? 'errored' : STATE_LABELS[s].toLowerCase()}`,
  );
  return markup`<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<p class="lede">${plural(findings.total, 'finding')} on these accounts: ${byState}.</p>
${body}
</section>`;
}

/**
 * The per-scan report as one self-contained HTML document: inline style, inline SVG charts and
 * a small inline script filtering the findings table; nothing loads from the network (its
 * Content Security Policy forbids it). Every value from the model is HTML-escaped. Pure.
 */
export function renderScanReport(model: ScanReportModel): string {
  const day = formatInstant(model.scan.requestedAt, false).slice(0, 10);
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Palisade ${model.palisadeVersion}">
<title>Scan report · ${model.scan.source.name} · ${day} — Palisade</title>
<style>${Html.trusted(REPORT_STYLE)}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to the findings</a>
${header(model)}
<main>
${kpis(model)}
${TOC}
${scanSection(model)}
${postureSection(model)}
${requirementsSection(model)}
${severitySection(model)}
${trendsSection(model)}
${findingsSection(model)}
</main>
<footer><p>Generated ${formatInstant(model.generatedAt)} by Palisade ${model.palisadeVersion} for ${model.tenant.name}. Score = passed ÷ (passed + failed) check results; manual, error and suppressed results are not scored. Every colour is repeated by a label or a number. This document is self-contained: it loads nothing from the network.</p></footer>
<script>${Html.trusted(REPORT_SCRIPT)}</script>
</body>
</html>
`.value;
}
