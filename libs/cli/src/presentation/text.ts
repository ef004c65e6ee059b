// Terminal text: one-line sanitising, width-aware padding and truncation, optional colour,
// durations and counts. Widths count code points: account names and AWS messages are ASCII in
// practice, and a wide character only costs a column of alignment, never a broken redraw
// (lines are cut short of the terminal's width).

// eslint-disable-next-line no-control-regex -- matching the terminal's colour codes is the point
const ANSI_SGR = /\x1b\[[0-9;]*m/g;
const LEADING_SGR = new RegExp(`^${ANSI_SGR.source}`);
// C0 and C1 controls and DEL: text from AWS or an account name must never drive the terminal.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text safe to print on one line: controls and line breaks become spaces, runs collapse. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Columns the text takes, colour codes excluded. */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI_SGR, '')].length;
}

/** Cuts plain text to `width` columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** Cuts plain text to `width` columns from the start, keeping the end: `…/Workloads/Prod`. */
export function truncateStart(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `…${chars.slice(chars.length - width + 1).join('')}`;
}

/**
 * Cuts text that may hold colour codes to `width` visible columns, keeping the codes (so a
 * colour still gets reset). Used for lines that must not wrap.
 */
export function fitWidth(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  let out = '';
  let used = 0;
  let rest = text;
  while (rest.length > 0) {
    const code = LEADING_SGR.exec(rest);
    if (code !== null) {
      out += code[0];
      rest = rest.slice(code[0].length);
      continue;
    }
    const char = String.fromCodePoint(rest.codePointAt(0)!);
    rest = rest.slice(char.length);
    if (used < width - 1) out += char;
    else if (used === width - 1) out += '…';
    used++;
  }
  return out;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - visibleLength(text))) + text;
}

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? '' : `\x1b[${open}m${text}\x1b[${close}m`);
}

const identity = (text: string): string => text;

/** ANSI colours, or none at all (`color: false`: NO_COLOR, a pipe, a dumb terminal). */
export function createStyle(color: boolean): Style {
  if (!color) {
    return {
      bold: identity,
      dim: identity,
      red: identity,
      green: identity,
      yellow: identity,
      cyan: identity,
    };
  }
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** `1,234,567`: the same grouping whatever the machine's locale. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A duration for people: `850ms`, `7s`, `2m 14s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, Math.round(ms));
  if (safe < 1000) return `${safe}ms`;
  const seconds = Math.floor(safe / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A running clock: `0:07`, `12:04`, `1:02:03`. */
export function formatClock(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const s = String(seconds % 60).padStart(2, '0');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}:${s}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${s}`;
}

/** `1 account`, `3 accounts`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}
