import { createHash } from 'node:crypto';

// The report's only style sheet and script: constants (no data in them), so the Content Security
// Policy names them by hash and nothing else may run, load or connect.

export const REPORT_STYLE = `
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#eaeef2;--bg:#f6f8fa;--card:#fff;--brand:#0a3069;
--pass:#1a7f37;--fail:#cf222e;--manual:#9a6700;--error:#8250df;--supp:#6e7781;
--critical:#82071e;--high:#cf222e;--medium:#bc4c00;--low:#7d4e00;--informational:#0969da;--unknown:#57606a}
*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif}
a{color:var(--brand)}
code,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:2}
.masthead{background:var(--brand);color:#fff;padding:28px max(32px,calc((100% - 1216px) / 2)) 24px}
.masthead .brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;opacity:.85}
.masthead h1{margin:6px 0 4px;font-size:26px;line-height:1.25;font-weight:600}
.masthead p{margin:4px 0;max-width:1100px}
.masthead code{color:#fff}
.asof{margin-top:14px!important;padding:10px 14px;border-left:4px solid #fff;background:rgba(255,255,255,.12)}
main{max-width:1280px;margin:0 auto;padding:24px 32px 8px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:20px 24px;margin:0 0 20px}
h2{font-size:18px;margin:0 0 4px}
h3{font-size:15px;margin:20px 0 8px}
.lede{color:var(--muted);margin:0 0 14px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;background:none;border:0;padding:0}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.kpi .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.06em}
.kpi .value{font-size:28px;font-weight:600;line-height:1.2;margin:4px 0}
.kpi .detail{color:var(--muted);font-size:13px}
nav.toc{margin:0 0 20px;color:var(--muted)}
nav.toc a{margin-right:14px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
caption{text-align:left;color:var(--muted);padding:0 0 6px}
th,td{padding:6px 8px;border-bottom:1px solid var(--soft);text-align:left;vertical-align:top}
thead th{background:var(--bg);border-bottom:1px solid var(--line);font-weight:600;white-space:nowrap}
thead th.fw{white-space:normal;min-width:8em}
td.title{min-width:16em}
tbody tr:hover{background:#f6f8fa}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wrap{word-break:break-all;min-width:12em;max-width:26em}
.check{overflow-wrap:anywhere;min-width:9em;max-width:16em}
.nowrap{white-space:nowrap}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap;color:#fff;background:var(--supp)}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}
.sev-low{background:var(--low)}.sev-informational{background:var(--informational)}.sev-unknown{background:var(--unknown)}
.st-open{background:var(--fail)}.st-manual{background:var(--manual)}.st-error{background:var(--error)}
.st-suppressed{background:var(--supp)}.st-resolved{background:var(--pass)}
.st-passing{background:#fff;color:var(--pass);border:1px solid var(--pass)}
.scan-completed{background:var(--pass)}.scan-completed_with_errors{background:var(--manual)}
.scan-failed{background:var(--fail)}.scan-cancelled{background:var(--supp)}
.scan-running,.scan-queued{background:var(--informational)}
.score{font-weight:600;font-variant-numeric:tabular-nums}
.score-good{color:var(--pass)}.score-fair{color:var(--manual)}.score-poor{color:var(--fail)}
.ou-name{display:inline-block}
.d1{padding-left:18px}.d2{padding-left:36px}.d3{padding-left:54px}.d4{padding-left:72px}.d5{padding-left:90px}
.chart{width:100%;max-width:940px;height:auto;display:block;margin:8px 0 4px}
.chart text{font:12px -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;fill:var(--ink)}
.chart .axis{fill:var(--muted);font-size:11px}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:4px 0 10px;color:var(--muted);font-size:12px;padding:0;list-style:none}
.legend svg{vertical-align:-1px;margin-right:5px}
.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:10px 0}
.alert{background:#ffebe9;border:1px solid #ff8182;border-radius:6px;padding:8px 12px;margin:10px 0}
.empty{color:var(--muted);font-style:italic}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:6px 0 12px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:3px}
.filters input,.filters select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px;color:var(--ink);background:#fff}
.filters input{min-width:280px}
.filters output{color:var(--muted);padding-bottom:6px}
#findings-table thead th{position:sticky;top:0;z-index:1}
footer{max-width:1280px;margin:0 auto;padding:8px 32px 40px;color:var(--muted);font-size:12px}
@media print{
body{background:#fff;font-size:11px}
.masthead{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 12px}
.masthead code{color:var(--ink)}
.asof{border-left-color:var(--ink);background:none}
main,footer{padding:12px 0;max-width:none}
section{border:0;padding:0;break-inside:auto}
nav.toc,.filters,.skip{display:none}
tr{break-inside:avoid}
#findings-table thead th{position:static}
.badge{border:1px solid currentColor}
}`;

/** The findings table filter: a text box and severity / status selects, applied as one types. */
export const REPORT_SCRIPT = `
(function () {
  var table = document.getElementById('findings-table');
  var form = document.getElementById('findings-filters');
  if (!table || !form) return;
  var text = document.getElementById('filter-text');
  var severity = document.getElementById('filter-severity');
  var state = document.getElementById('filter-state');
  var count = document.getElementById('filter-count');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var timer = null;
  function apply() {
    var needle = text.value.trim().toLowerCase();
    var sev = severity.value;
    var st = state.value;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var visible = (!sev || row.getAttribute('data-severity') === sev) &&
        (!st || row.getAttribute('data-state') === st) &&
        (!needle || haystacks[i].indexOf(needle) !== -1);
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = shown.toLocaleString('en-US') + ' of ' + rows.length.toLocaleString('en-US') + ' rows shown';
  }
  function later() { clearTimeout(timer); timer = setTimeout(apply, 120); }
  text.addEventListener('input', later);
  severity.addEventListener('change', apply);
  state.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  apply();
})();
`;

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The report's Content Security Policy: nothing loads from anywhere (no fonts, images, frames or
 * connections), only the report's own style sheet and script run (by hash), so even markup that
 * escaped escaping could not execute. Sent as a header by the API and carried in the document
 * (`<meta>`) so a saved copy keeps it.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${sha256(REPORT_STYLE)}`,
  `script-src ${sha256(REPORT_SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The header form: a `<meta>` policy cannot carry `frame-ancestors`. */
export const REPORT_CSP_HEADER = `${REPORT_CSP}; frame-ancestors 'none'`;
