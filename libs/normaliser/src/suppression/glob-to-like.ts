/** The escape character of every LIKE pattern built here (`LIKE … ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\';

/**
 * A rule's resource glob as a LIKE pattern: `*` → `%` (any run of characters, also none),
 * `?` → `_` (exactly one character), and every other character literal — LIKE's own `%`, `_`
 * and the escape `\` are escaped, so an ARN holding them matches only itself. The glob has no
 * escape syntax of its own: `*` and `?` are always wildcards.
 */
export function globToLike(glob: string): string {
  let like = '';
  for (const char of glob) {
    if (char === '*') like += '%';
    else if (char === '?') like += '_';
    else if (char === '%' || char === '_' || char === LIKE_ESCAPE) like += LIKE_ESCAPE + char;
    else like += char;
  }
  return like;
}
