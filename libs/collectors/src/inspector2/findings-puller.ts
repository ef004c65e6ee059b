// Pulls an account's Inspector2 findings in one region: ListFindings pages of up to 100, the
// first sync in full, later ones incremental on `updatedAt` (not lastObservedAt, which stops
// moving when a finding is closed). Through a delegated administrator the account is a filter.
import {
  type FilterCriteria,
  type Inspector2Client,
  ListFindingsCommand,
} from '@aws-sdk/client-inspector2';
import { AwsAccessError, classifyAwsError } from '@palisade/aws';
import { type InspectorFinding } from '@palisade/contracts';
import { mapInspectorFinding } from './finding-mapper';

/** ListFindings' largest page. */
export const INSPECTOR_PAGE_SIZE = 100;

export interface InspectorPullOptions {
  /** The account whose findings are pulled. */
  readonly accountId: string;
  /** The `updatedAt` (ISO-8601) the previous sync reached; absent on the first sync (full). */
  readonly watermark?: string;
  /** The client acts in the delegated administrator: only `accountId`'s findings are asked for. */
  readonly viaDelegatedAdmin: boolean;
}

export interface InspectorPull {
  /** Pages of mapped findings (empty pages are skipped). Errors throw a classified AwsAccessError. */
  readonly pages: AsyncGenerator<InspectorFinding[], void, undefined>;
  /**
   * The watermark for the next sync: the greatest `updatedAt` of the findings mapped, once every
   * page was read; the previous watermark when nothing newer came or the pull did not finish.
   */
  watermark(): string | undefined;
  /** Findings that did not map to the contract (or belong to another account), described. */
  unmapped(): string[];
  /** ListFindings calls made so far. */
  pagesRead(): number;
}

/** The ListFindings filter: `updatedAt` from the watermark, and the account via an administrator. */
export function inspectorFindingsFilter(options: InspectorPullOptions): FilterCriteria | undefined {
  const criteria: FilterCriteria = {};
  if (options.watermark !== undefined) {
    const start = new Date(options.watermark);
    if (Number.isNaN(start.getTime())) {
      throw new Error(`the Inspector2 watermark is not a date: ${options.watermark}`);
    }
    criteria.updatedAt = [{ startInclusive: start }];
  }
  if (options.viaDelegatedAdmin) {
    criteria.awsAccountId = [{ comparison: 'EQUALS', value: options.accountId }];
  }
  return Object.keys(criteria).length > 0 ? criteria : undefined;
}

/** The later of two ISO-8601 instants (either may be absent). */
export function laterWatermark(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Pulls findings page by page; see `InspectorPull`. */
export function pullInspectorFindings(
  client: Inspector2Client,
  options: InspectorPullOptions,
): InspectorPull {
  const filterCriteria = inspectorFindingsFilter(options);
  const unmapped: string[] = [];
  let newest: string | undefined;
  let complete = false;
  let calls = 0;

  async function* pages(): AsyncGenerator<InspectorFinding[], void, undefined> {
    const seenTokens = new Set<string>();
    let nextToken: string | undefined;
    do {
      let out;
      try {
        out = await client.send(
          new ListFindingsCommand({
            maxResults: INSPECTOR_PAGE_SIZE,
            ...(filterCriteria !== undefined ? { filterCriteria } : {}),
            ...(nextToken !== undefined ? { nextToken } : {}),
          }),
        );
      } catch (err) {
        throw new AwsAccessError(classifyAwsError(err));
      }
      calls += 1;
      const page: InspectorFinding[] = [];
      for (const raw of out.findings ?? []) {
        const mapped = mapInspectorFinding(raw);
        if (!mapped.ok) {
          unmapped.push(`Inspector2 finding ${mapped.findingArn} does not map: ${mapped.reason}`);
        } else if (raw.awsAccountId !== undefined && raw.awsAccountId !== options.accountId) {
          unmapped.push(
            `Inspector2 finding ${mapped.finding.findingArn} belongs to account ${raw.awsAccountId}, not ${options.accountId}${options.viaDelegatedAdmin ? ' (the awsAccountId filter was not applied)' : ''}`,
          );
        } else {
          page.push(mapped.finding);
          newest = laterWatermark(newest, mapped.finding.updatedAt);
        }
      }
      if (page.length > 0) yield page;
      nextToken = out.nextToken;
      if (nextToken !== undefined) {
        if (seenTokens.has(nextToken)) {
          throw new AwsAccessError({
            code: 'AWS_ERROR',
            retriable: true,
            message: `Inspector2 ListFindings repeated a nextToken after ${calls} pages; the pull stopped`,
          });
        }
        seenTokens.add(nextToken);
      }
    } while (nextToken !== undefined);
    complete = true;
  }

  return {
    pages: pages(),
    watermark: () => (complete ? laterWatermark(options.watermark, newest) : options.watermark),
    unmapped: () => [...unmapped],
    pagesRead: () => calls,
  };
}
