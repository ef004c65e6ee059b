/** Markup that is already safe: made only by the `markup` tag (or `trusted` for constant text). */
export class Html {
  private constructor(readonly value: string) {}

  /** For constant markup written in this folder (styles, script): never for data. */
  static trusted(value: string): Html {
    return new Html(value);
  }

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** An interpolated value: Html as it is, arrays joined, null/undefined/false as nothing, the rest escaped. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The only way this folder builds markup: every interpolated value is HTML-escaped unless it is
 * itself `Html`, so data (resource names, titles, messages) can never become markup. (Not named
 * `html`: Prettier would reformat the templates of a tag by that name, whitespace included.)
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return Html.trusted(out);
}
