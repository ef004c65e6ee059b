// OU paths: the names from the root down, joined with `/`. OU names may themselves hold `/`
// (and `%`), so each name is escaped first and paths split back unambiguously.

const SEPARATOR = '/';

export function escapeOuName(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}

export function unescapeOuName(segment: string): string {
  return segment.replace(/%2F/gi, '/').replace(/%25/g, '%');
}

/** `ouPathOf(['Root', 'Workloads', 'Prod'])` → `Root/Workloads/Prod`. */
export function ouPathOf(names: readonly string[]): string {
  return names.map(escapeOuName).join(SEPARATOR);
}

/** A child's path from its parent's path and its own name. */
export function childOuPath(parentPath: string, name: string): string {
  return parentPath === '' ? escapeOuName(name) : `${parentPath}${SEPARATOR}${escapeOuName(name)}`;
}

/** The names of a path, unescaped (inverse of `ouPathOf`). */
export function ouPathNames(path: string): string[] {
  return path === '' ? [] : path.split(SEPARATOR).map(unescapeOuName);
}
