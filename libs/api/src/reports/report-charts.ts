import { type FindingSeverity } from '@palisade/findings';
import { type Html, markup } from './html';
import {
  type PostureCounts,
  SEVERITY_ORDER,
  type SeverityCounts,
  type TrendSeries,
} from './scan-report.model';

// Inline SVG charts: fixed viewBox, scaled by CSS to the page width; every mark has a <title>
// (a tooltip and a name for screen readers) and each chart has a table of the same numbers.

/** Colours as SVG presentation attributes (CSS variables do not reach those everywhere). */
export const COLOURS = {
  passed: '#1a7f37',
  failed: '#cf222e',
  manual: '#9a6700',
  errored: '#8250df',
  suppressed: '#8c959f',
  checks: '#0a3069',
  inspector: '#54aeff',
  grid: '#d0d7de',
} as const;

export const SEVERITY_COLOURS: Record<FindingSeverity, string> = {
  critical: '#82071e',
  high: '#cf222e',
  medium: '#bc4c00',
  low: '#7d4e00',
  informational: '#0969da',
  unknown: '#57606a',
};

const SERIES_COLOURS = ['#0a3069', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#57606a'];

const NUMBER = new Intl.NumberFormat('en-US');
const fmt = (n: number) => NUMBER.format(n);
const round = (n: number) => Math.round(n * 10) / 10;

/** A score as the report prints it: `66.67%`, `100%`, or an em dash when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '—' : `${score}%`;
}

function chartFrame(
  id: string,
  size: { width: number; height: number },
  title: string,
  description: string,
  body: readonly Html[],
): Html {
  return markup`<svg class="chart" id="${id}" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-t">${title}</title><desc id="${id}-d">${description}</desc>
${body}
</svg>`;
}

/** Swatches with their labels. */
export function legend(items: readonly { label: string; colour: string }[]): Html {
  return markup`<ul class="legend">${items.map(
    (item) =>
      markup`<li><svg width="12" height="12" aria-hidden="true" focusable="false"><rect width="12" height="12" rx="2" fill="${item.colour}"/></svg>${item.label}</li>`,
  )}</ul>`;
}

export const POSTURE_LEGEND = legend([
  { label: 'Passed', colour: COLOURS.passed },
  { label: 'Failed', colour: COLOURS.failed },
  { label: 'Manual', colour: COLOURS.manual },
  { label: 'Error', colour: COLOURS.errored },
  { label: 'Suppressed', colour: COLOURS.suppressed },
]);

const SEGMENTS = ['passed', 'failed', 'manual', 'errored', 'suppressed'] as const;

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * One 100% stacked bar per row (passed, failed, manual, error, suppressed), its score at the
 * right; rows in the order given. A row without check results gets an empty outlined bar.
 */
export function postureBars(
  id: string,
  title: string,
  rows: readonly { label: string; posture: PostureCounts }[],
): Html {
  const labelWidth = 250;
  const barWidth = 520;
  const rowHeight = 24;
  const barHeight = rowHeight - 8;
  const body = rows.map((row, i) => {
    const y = 4 + i * rowHeight;
    const textY = y + rowHeight / 2 + 4;
    const total = SEGMENTS.reduce((sum, key) => sum + row.posture[key], 0);
    let x = labelWidth;
    const bars =
      total === 0
        ? [
            markup`<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${barHeight}" fill="#f6f8fa" stroke="${COLOURS.grid}"><title>${row.label}: no check results</title></rect>`,
          ]
        : SEGMENTS.filter((key) => row.posture[key] > 0).map((key) => {
            const width = round((row.posture[key] / total) * barWidth);
            const rect = markup`<rect x="${round(x)}" y="${y + 4}" width="${width}" height="${barHeight}" fill="${COLOURS[key]}"><title>${row.label}: ${fmt(row.posture[key])} ${key}</title></rect>`;
            x += width;
            return rect;
          });
    return markup`<g><text x="${labelWidth - 8}" y="${textY}" text-anchor="end">${truncate(row.label, 34)}</text>${bars}<text x="${labelWidth + barWidth + 8}" y="${textY}" font-weight="600">${formatScore(row.posture.score)}</text></g>
`;
  });
  return chartFrame(
    id,
    { width: labelWidth + barWidth + 90, height: rows.length * rowHeight + 8 },
    title,
    'Share of check results per row: passed, failed, manual, error and suppressed, with the posture score at the right. The table below lists the same numbers.',
    body,
  );
}

/** Open findings per severity: a bar each, check results and Inspector2 findings stacked. */
export function severityBars(
  id: string,
  open: { readonly checks: SeverityCounts; readonly inspector: SeverityCounts },
): Html {
  const severities = SEVERITY_ORDER.filter(
    (s) => s !== 'unknown' || open.checks[s] + open.inspector[s] > 0,
  );
  const labelWidth = 120;
  const barWidth = 600;
  const rowHeight = 30;
  const max = Math.max(1, ...severities.map((s) => open.checks[s] + open.inspector[s]));
  const body = severities.map((severity, i) => {
    const y = 4 + i * rowHeight;
    const textY = y + rowHeight / 2 + 4;
    const checks = open.checks[severity];
    const inspector = open.inspector[severity];
    const wChecks = round((checks / max) * barWidth);
    const wInspector = round((inspector / max) * barWidth);
    const label = `${severity.charAt(0).toUpperCase()}${severity.slice(1)}`;
    const checksBar =
      checks > 0
        ? markup`<rect x="${labelWidth}" y="${y + 4}" width="${wChecks}" height="${rowHeight - 8}" fill="${COLOURS.checks}"><title>${label}: ${fmt(checks)} open check findings</title></rect>`
        : null;
    const inspectorBar =
      inspector > 0
        ? markup`<rect x="${round(labelWidth + wChecks)}" y="${y + 4}" width="${wInspector}" height="${rowHeight - 8}" fill="${COLOURS.inspector}"><title>${label}: ${fmt(inspector)} open Inspector2 findings</title></rect>`
        : null;
    return markup`<g><rect x="0" y="${y + 7}" width="10" height="${rowHeight - 14}" rx="2" fill="${SEVERITY_COLOURS[severity]}"/><text x="16" y="${textY}">${label}</text>${checksBar}${inspectorBar}<text x="${round(labelWidth + wChecks + wInspector + 8)}" y="${textY}" font-weight="600">${fmt(checks + inspector)}</text></g>
`;
  });
  return chartFrame(
    id,
    { width: labelWidth + barWidth + 90, height: severities.length * rowHeight + 8 },
    'Open findings by severity',
    'Open findings (failing, not suppressed) per severity, check results and Amazon Inspector findings stacked. The table below lists the same numbers.',
    body,
  );
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/** Posture score per day, a line per framework; a day without a score breaks its line. */
export function trendLines(id: string, series: readonly TrendSeries[]): Html {
  const width = 860;
  const height = 260;
  const left = 48;
  const right = 20;
  const top = 14;
  const bottom = 40;
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  const first = dayNumber(days[0] ?? '1970-01-01');
  const last = dayNumber(days[days.length - 1] ?? '1970-01-01');
  const span = Math.max(1, last - first);
  const xOf = (day: string) =>
    round(left + ((dayNumber(day) - first) / span) * (width - left - right));
  const yOf = (score: number) => round(top + (1 - score / 100) * (height - top - bottom));
  const grid = [0, 25, 50, 75, 100].map(
    (v) =>
      markup`<line x1="${left}" x2="${width - right}" y1="${yOf(v)}" y2="${yOf(v)}" stroke="${COLOURS.grid}" stroke-width="1"/><text class="axis" x="${left - 6}" y="${yOf(v) + 4}" text-anchor="end">${v}%</text>
`,
  );
  const tickDays = new Set([days[0], days[Math.floor((days.length - 1) / 2)], days.at(-1)]);
  const ticks = [...tickDays]
    .filter((day): day is string => day !== undefined)
    .map((day) => {
      const anchor = day === days[0] ? 'start' : day === days.at(-1) ? 'end' : 'middle';
      return markup`<text class="axis" x="${xOf(day)}" y="${height - bottom + 20}" text-anchor="${anchor}">${day}</text>
`;
    });
  const lines = series.map((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? COLOURS.checks;
    let path = '';
    let pen = false;
    for (const point of s.points) {
      if (point.score === null) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${xOf(point.day)} ${yOf(point.score)} `;
      pen = true;
    }
    const marks = s.points.map((p) =>
      p.score === null
        ? null
        : markup`<circle cx="${xOf(p.day)}" cy="${yOf(p.score)}" r="3.5" fill="${colour}"><title>${s.frameworkName}, ${p.day}: ${formatScore(p.score)} (${fmt(p.passed)} passed, ${fmt(p.failed)} failed)</title></circle>`,
    );
    const line =
      path === ''
        ? null
        : markup`<path d="${path.trim()}" fill="none" stroke="${colour}" stroke-width="2"/>`;
    return markup`<g>${line}${marks}</g>
`;
  });
  return chartFrame(
    id,
    { width, height },
    'Posture score per day',
    'Daily posture score (passed divided by passed plus failed) of the accounts of this scan, one line per framework. The table under the chart lists the same numbers.',
    [...grid, ...ticks, ...lines],
  );
}

export function trendLegend(series: readonly TrendSeries[]): Html {
  return legend(
    series.map((s, i) => ({
      label: s.frameworkName,
      colour: SERIES_COLOURS[i % SERIES_COLOURS.length] ?? COLOURS.checks,
    })),
  );
}

/** A small bar under a score in tables (decorative: the number is beside it). */
export function scoreMeter(score: number | null): Html | null {
  if (score === null) return null;
  const colour = score >= 90 ? COLOURS.passed : score >= 70 ? COLOURS.manual : COLOURS.failed;
  return markup`<svg class="meter" width="60" height="6" aria-hidden="true" focusable="false"><rect width="60" height="6" rx="3" fill="#eaeef2"/><rect width="${round(score * 0.6)}" height="6" rx="3" fill="${colour}"/></svg>`;
}
