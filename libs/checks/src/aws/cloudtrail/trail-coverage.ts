// What the CloudTrail checks share: which trails a region-scoped check reports (each trail
// once, where it lives), and what a trail's event selectors record — management events
// (CIS 4.1) and S3 object-level data events for every bucket (CIS 4.8 / 4.9).
import {
  type AdvancedFieldSelector,
  type Trail,
  type TrailEventSelectors,
} from '../../collected/cloudtrail';
import { type CheckContext } from '../../framework/context';

/** The account id of an ARN (`arn:<p>:<service>:<region>:<account>:...`). */
function accountOf(arn: string): string | undefined {
  return arn.split(':')[4];
}

/**
 * The trails a per-trail check reports in this region: those homed here and owned by the
 * account. A multi-region trail is listed in every region but reported once, in its home
 * region; an organization trail seen from a member account is reported in the management
 * account that owns it (a member can neither change it nor fix it).
 */
export function ownTrailsHomedIn(trails: readonly Trail[], ctx: CheckContext): Trail[] {
  return trails.filter((t) => t.homeRegion === ctx.region && accountOf(t.arn) === ctx.accountId);
}

/** What a trail's selectors record of one kind of event: reads and writes. */
export interface ReadWrite {
  read: boolean;
  write: boolean;
}

const NONE: ReadWrite = { read: false, write: false };

function union(a: ReadWrite, b: ReadWrite): ReadWrite {
  return { read: a.read || b.read, write: a.write || b.write };
}

/** A basic selector's `ReadWriteType` as the events it records. */
function basicReadWrite(readWriteType: string): ReadWrite {
  return { read: readWriteType !== 'WriteOnly', write: readWriteType !== 'ReadOnly' };
}

/** Whether a field selector puts any condition on its field. */
function conditions(f: AdvancedFieldSelector): string[][] {
  return [f.equals, f.startsWith, f.endsWith, f.notEquals, f.notStartsWith, f.notEndsWith].filter(
    (v): v is string[] => v !== undefined && v.length > 0,
  );
}

/** An advanced selector's `readOnly` field as the events it records (absent: both). */
function advancedReadWrite(fields: readonly AdvancedFieldSelector[]): ReadWrite {
  let rw: ReadWrite = { read: true, write: true };
  for (const f of fields.filter((x) => x.field === 'readOnly')) {
    const allowed = (value: 'true' | 'false') =>
      (f.equals === undefined || f.equals.includes(value)) &&
      !(f.notEquals ?? []).includes(value) &&
      f.startsWith === undefined &&
      f.notStartsWith === undefined &&
      f.endsWith === undefined &&
      f.notEndsWith === undefined;
    rw = { read: rw.read && allowed('true'), write: rw.write && allowed('false') };
  }
  return rw;
}

function equalsOnly(f: AdvancedFieldSelector | undefined, value: string): boolean {
  return (
    f !== undefined &&
    f.equals !== undefined &&
    f.equals.includes(value) &&
    conditions(f).length === 1
  );
}

/** What a trail records of management events, and the event sources it leaves out. */
export interface ManagementCoverage extends ReadWrite {
  excludedSources: string[];
}

/**
 * Management events recorded: basic selectors with `IncludeManagementEvents` (by their
 * `ReadWriteType`), or advanced selectors whose `eventCategory` equals `Management` (by their
 * `readOnly` field). Leaving out event sources (`ExcludeManagementEventSources`, or an
 * `eventSource` NotEquals / NotStartsWith) still counts and is reported; any other condition
 * (an `eventSource` Equals, say) makes the selector record only some management events.
 */
export function managementCoverage(selectors: TrailEventSelectors): ManagementCoverage {
  let rw = NONE;
  const excluded = new Set<string>();
  for (const s of selectors.basic) {
    if (!s.includeManagementEvents) continue;
    rw = union(rw, basicReadWrite(s.readWriteType));
    for (const source of s.excludeManagementEventSources ?? []) excluded.add(source);
  }
  for (const s of selectors.advanced) {
    const fields = s.fieldSelectors;
    if (
      !equalsOnly(
        fields.find((f) => f.field === 'eventCategory'),
        'Management',
      )
    )
      continue;
    const others = fields.filter((f) => f.field !== 'eventCategory' && f.field !== 'readOnly');
    const onlyExclusions = others.every(
      (f) =>
        f.field === 'eventSource' &&
        f.equals === undefined &&
        f.startsWith === undefined &&
        f.endsWith === undefined,
    );
    if (!onlyExclusions) continue;
    rw = union(rw, advancedReadWrite(fields));
    for (const f of others) {
      for (const source of [...(f.notEquals ?? []), ...(f.notStartsWith ?? [])]) {
        excluded.add(source);
      }
    }
  }
  return { ...rw, excludedSources: [...excluded].sort() };
}

/** `arn:<p>:s3` and `arn:<p>:s3:::`: a basic data resource value meaning every bucket. */
function allBucketsValues(partition: string): string[] {
  return [`arn:${partition}:s3`, `arn:${partition}:s3:::`];
}

/** Whether an advanced selector's `resources.ARN` conditions (if any) still match every object. */
function noArnRestriction(fields: readonly AdvancedFieldSelector[], partition: string): boolean {
  return fields
    .filter((f) => f.field === 'resources.ARN')
    .every((f) => {
      const c = conditions(f);
      return (
        c.length === 1 &&
        f.startsWith !== undefined &&
        f.startsWith.every((v) => allBucketsValues(partition).includes(v))
      );
    });
}

/**
 * S3 object-level (data) events recorded for every bucket: a basic selector with a data
 * resource of type `AWS::S3::Object` whose values include `arn:<p>:s3` or `arn:<p>:s3:::` (by
 * its `ReadWriteType`), or an advanced selector with `eventCategory` equal to `Data` and
 * `resources.type` equal to `AWS::S3::Object`, no `resources.ARN` restriction beyond "starts
 * with `arn:<p>:s3:::`", no condition on other fields (by its `readOnly` field).
 */
export function s3DataEventCoverage(selectors: TrailEventSelectors, partition: string): ReadWrite {
  let rw = NONE;
  const everyBucket = allBucketsValues(partition);
  for (const s of selectors.basic) {
    const allBuckets = s.dataResources.some(
      (d) => d.type === 'AWS::S3::Object' && d.values.some((v) => everyBucket.includes(v)),
    );
    if (allBuckets) rw = union(rw, basicReadWrite(s.readWriteType));
  }
  const allowed = ['eventCategory', 'resources.type', 'resources.ARN', 'readOnly'];
  for (const s of selectors.advanced) {
    const fields = s.fieldSelectors;
    const applies =
      equalsOnly(
        fields.find((f) => f.field === 'eventCategory'),
        'Data',
      ) &&
      equalsOnly(
        fields.find((f) => f.field === 'resources.type'),
        'AWS::S3::Object',
      ) &&
      noArnRestriction(fields, partition) &&
      fields.every((f) => allowed.includes(f.field) || conditions(f).length === 0);
    if (applies) rw = union(rw, advancedReadWrite(fields));
  }
  return rw;
}
