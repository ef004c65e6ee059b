// What both mappers write the same way: severity, product, metadata, cloud and resource.
import {
  type OcsfCloud,
  type OcsfMetadata,
  type OcsfProduct,
  type OcsfResource,
  type OcsfSeverityId,
} from '../ocsf/types';
import { type FindingContext } from './context';

export const OCSF_VERSION = '1.8.0';
/** The profiles every document applies (`metadata.profiles`); the compiled schemas match. */
export const OCSF_PROFILES: readonly string[] = ['cloud'];

/** Global services' results carry region `global`, which is no cloud region. */
const GLOBAL_REGION = 'global';

export const SEVERITY_CAPTIONS: Readonly<Record<OcsfSeverityId, string>> = {
  0: 'Unknown',
  1: 'Informational',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
};

export function palisadeProduct(version: string): OcsfProduct {
  return { uid: 'palisade', name: 'Palisade', vendor_name: 'Palisade', version };
}

/** `original`: the source's own event id and time, when the event was collected from one. */
export function metadataOf(
  ctx: FindingContext,
  product: OcsfProduct,
  original: { readonly uid: string; readonly time: string } | undefined,
): OcsfMetadata {
  return {
    version: OCSF_VERSION,
    product,
    profiles: OCSF_PROFILES,
    tenant_uid: ctx.tenantId,
    correlation_uid: ctx.scanId,
    original_event_uid: original?.uid,
    original_time: original?.time,
  };
}

/** An AWS region, or undefined for `global`: consumers read `cloud.region` as a real region. */
export function cloudRegion(region: string): string | undefined {
  return region === GLOBAL_REGION ? undefined : region;
}

export function cloudOf(ctx: FindingContext, region: string): OcsfCloud {
  const org = ctx.org;
  return {
    provider: 'AWS',
    cloud_partition: ctx.partition,
    region: cloudRegion(region),
    account: { uid: ctx.accountId, name: ctx.accountName, type: 'AWS Account', type_id: 10 },
    // OCSF's organization needs a uid (or name): an OU alone is not enough to name one.
    org:
      org?.uid === undefined ? undefined : { uid: org.uid, ou_uid: org.ouUid, ou_name: org.ouName },
  };
}

export function resourceOf(
  ctx: FindingContext,
  uid: string,
  type: string,
  region: string,
  data?: Readonly<Record<string, unknown>>,
): OcsfResource {
  return {
    uid,
    type,
    provider: 'AWS',
    cloud_partition: ctx.partition,
    region: cloudRegion(region),
    role_id: 1,
    role: 'Target',
    data,
  };
}
