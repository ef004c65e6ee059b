/** A tenant slug: lower-case letters, digits and inner hyphens, 1-63 characters (a DNS label). */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The slug a tenant gets when none is given: its name in lower case, accents dropped, every run
 * of other characters turned into one hyphen, trimmed to 63 characters. Null when nothing of the
 * name is left (a name of only punctuation or non-Latin script): the caller must give a slug.
 */
export function slugFromName(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return SLUG_PATTERN.test(slug) ? slug : null;
}
