// Region codes a user may type, to catch typos before a scan starts (`eu-west-l`). Static on
// purpose: which regions an account has enabled is asked of EC2 at scan time (region-resolver).
// The list is the AWS SDK's partitions data (botocore 1.44.8, 2026): every commercial region,
// opt-in ones included, and the AWS GovCloud (US), China and European Sovereign Cloud regions.

export const KNOWN_REGIONS = [
  // aws
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'sa-west-1',
  // aws-us-gov
  'us-gov-east-1',
  'us-gov-west-1',
  // aws-cn
  'cn-north-1',
  'cn-northwest-1',
  // aws-eusc
  'eusc-de-east-1',
] as const;
export type KnownRegion = (typeof KNOWN_REGIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(KNOWN_REGIONS);

export function isKnownRegion(name: string): name is KnownRegion {
  return KNOWN.has(name);
}

/** A typo this far from a region code (in edits) is still worth a "did you mean". */
const MAX_DISTANCE = 2;

/**
 * The known region nearest to `name` (ignoring case), or undefined when none is close enough to
 * be what was meant: `eu-west-l` → `eu-west-1`, `EU-WEST-1` → `eu-west-1`, `westeurope` → none.
 * Ties go to the first in KNOWN_REGIONS order (`eu-west-4` → `eu-west-1`).
 */
export function closestRegion(name: string): KnownRegion | undefined {
  const wanted = name.trim().toLowerCase();
  // Half the input wrong is not a typo: `us` must not become `us-east-1` by way of `eu`.
  const limit = Math.min(MAX_DISTANCE, Math.ceil(wanted.length / 2) - 1);
  let best: KnownRegion | undefined;
  let bestDistance = limit + 1;
  for (const region of KNOWN_REGIONS) {
    const d = editDistance(wanted, region);
    if (d < bestDistance) {
      best = region;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
 * neighbours (how far a typo is from what was meant; the CLI's suggestions use it too).
 */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
