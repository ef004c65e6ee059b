/** What a collector produced for one account (× region): its data, or the error that stopped it. */
export type Outcome<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly code: string; readonly message: string };

export function ok<T>(data: T): Outcome<T> {
  return { ok: true, data };
}

export function failed<T = never>(code: string, message: string): Outcome<T> {
  return { ok: false, code, message };
}
