import { ocsfFindingErrors } from '../ocsf/test/ocsf-validator';
import { type OcsfFinding } from '../ocsf/types';
import { mapCheckResult } from './check-result';
import { mapInspectorFinding } from './inspector-finding';
import { applyLifecycle } from './lifecycle';
import { ctx, imdsResult, IMDSV2, lifecycle, packageFinding, T0, T1, T2 } from './test/fixtures';

const UID = 'c'.repeat(64);

/** The stored document: the last observation's, read back from jsonb. */
function stored<T extends OcsfFinding>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}

describe('applyLifecycle', () => {
  const failing = stored(
    mapCheckResult(imdsResult(), IMDSV2, ctx, UID, lifecycle({ status: 'new' })),
  );

  it('sets status, activity, times and seen times from the row', () => {
    const row = lifecycle({ status: 'in_progress', firstSeenAt: T0, lastSeenAt: T1 });
    const doc = applyLifecycle(failing, row);

    expect(doc).toMatchObject({
      status_id: 2,
      status: 'In Progress',
      activity_id: 2,
      activity_name: 'Update',
      type_uid: 200302,
      type_name: 'Compliance Finding: Update',
      time: T1.getTime(),
      finding_info: { uid: UID, first_seen_time: T0.getTime(), last_seen_time: T1.getTime() },
    });
    expect(ocsfFindingErrors(doc)).toEqual([]);
  });

  it('keeps everything the observation decided', () => {
    const doc = applyLifecycle(failing, lifecycle({ status: 'in_progress', lastSeenAt: T1 }));

    expect(doc.compliance).toEqual(failing.compliance);
    expect(doc.resources).toEqual(failing.resources);
    expect(doc.finding_info.title).toBe(failing.finding_info.title);
    expect(doc.severity_id).toBe(failing.severity_id);
  });

  it('a suppression added after the observation shows, with its rule id', () => {
    const rule = '0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
    const doc = applyLifecycle(failing, lifecycle({ suppressedBy: rule }));

    expect(doc).toMatchObject({ status_id: 3, status: 'Suppressed', status_detail: rule });
    expect(ocsfFindingErrors(doc)).toEqual([]);
  });

  it('a lifted suppression leaves no stale status_detail', () => {
    const rule = '0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
    const suppressed = stored(applyLifecycle(failing, lifecycle({ suppressedBy: rule })));
    const lifted = stored(applyLifecycle(suppressed, lifecycle({ status: 'in_progress' })));

    expect(lifted).not.toHaveProperty('status_detail');
    expect(lifted).toMatchObject({ status_id: 2, status: 'In Progress' });
  });

  it('a finding resolved by a clean run after it was last seen closes at the resolution', () => {
    const row = lifecycle({ status: 'resolved', lastSeenAt: T1, resolvedAt: T2 });
    const doc = applyLifecycle(failing, row);

    expect(doc).toMatchObject({
      status_id: 4,
      activity_id: 3,
      type_uid: 200303,
      time: T2.getTime(),
      finding_info: { last_seen_time: T1.getTime() },
    });
  });

  it('applies to a Vulnerability Finding with its own class in type_uid', () => {
    const doc = stored(mapInspectorFinding(packageFinding(), ctx, UID, lifecycle()));
    const closed = applyLifecycle(doc, lifecycle({ status: 'resolved', resolvedAt: T1 }));

    expect(closed).toMatchObject({
      class_uid: 2002,
      type_uid: 200203,
      type_name: 'Vulnerability Finding: Close',
      status_id: 4,
    });
    expect(closed.vulnerabilities).toEqual(doc.vulnerabilities);
    expect(ocsfFindingErrors(closed)).toEqual([]);
  });

  it('does not modify the document it is given', () => {
    const before = stored(failing);
    applyLifecycle(failing, lifecycle({ status: 'resolved', resolvedAt: T2 }));

    expect(failing).toEqual(before);
  });
});
