// The typed snapshot collectors produce and checks read: the one contract between
// `libs/collectors` (which calls AWS) and `libs/checks` (which never does).
//
// Each service's data lives in its own file. A key's scope is fixed by the interface it is in:
// `GlobalCollected` keys are collected once per account (IAM, S3 bucket list, Organizations),
// `RegionalCollected` keys once per account × region.
import { ACCOUNT_GLOBAL_KEYS, type AccountGlobal, type AccountRegional } from './account';
import { type AccessAnalyzerRegional } from './accessanalyzer';
import { type CloudTrailRegional } from './cloudtrail';
import { type CloudWatchRegional } from './cloudwatch';
import { type ConfigRegional } from './config';
import { type Ec2Regional } from './ec2';
import { type EcsRegional } from './ecs';
import { type EfsRegional } from './efs';
import { FRONT_END_GLOBAL_KEYS, type FrontEndGlobal, type FrontEndRegional } from './front-ends';
import { IAM_GLOBAL_KEYS, type IamGlobal } from './iam';
import { type Inspector2Regional } from './inspector2';
import { type KmsRegional } from './kms';
import { type LambdaRegional } from './lambda';
import { type MacieRegional } from './macie';
import { ORGANIZATIONS_GLOBAL_KEYS, type OrganizationsGlobal } from './organizations';
import { type RdsRegional } from './rds';
import { type ResourcePoliciesRegional } from './resource-policies';
import { S3_GLOBAL_KEYS, type S3Global } from './s3';
import { type SecurityHubRegional } from './securityhub';
import { type SnsRegional } from './sns';

export interface GlobalCollected
  extends AccountGlobal, IamGlobal, OrganizationsGlobal, S3Global, FrontEndGlobal {}

export interface RegionalCollected
  extends
    AccountRegional,
    AccessAnalyzerRegional,
    CloudTrailRegional,
    CloudWatchRegional,
    ConfigRegional,
    Ec2Regional,
    EcsRegional,
    EfsRegional,
    FrontEndRegional,
    Inspector2Regional,
    KmsRegional,
    LambdaRegional,
    MacieRegional,
    RdsRegional,
    ResourcePoliciesRegional,
    SecurityHubRegional,
    SnsRegional {}

export type GlobalKey = Extract<keyof GlobalCollected, string>;
export type RegionalKey = Extract<keyof RegionalCollected, string>;
export type CollectorKey = GlobalKey | RegionalKey;

/** Every global key at run time (the compiler keeps it equal to `GlobalCollected`'s keys). */
export const GLOBAL_KEYS: Readonly<Record<GlobalKey, true>> = {
  ...ACCOUNT_GLOBAL_KEYS,
  ...FRONT_END_GLOBAL_KEYS,
  ...IAM_GLOBAL_KEYS,
  ...ORGANIZATIONS_GLOBAL_KEYS,
  ...S3_GLOBAL_KEYS,
};

export function isGlobalKey(key: CollectorKey): key is GlobalKey {
  return Object.hasOwn(GLOBAL_KEYS, key);
}

/** The data type of a collector key. */
export type CollectedData<K extends CollectorKey> = K extends GlobalKey
  ? GlobalCollected[K]
  : K extends RegionalKey
    ? RegionalCollected[K]
    : never;

export * from './account';
export type * from './accessanalyzer';
export type * from './cloudtrail';
export type * from './cloudwatch';
export type * from './config';
export type * from './ec2';
export type * from './ecs';
export type * from './efs';
export * from './front-ends';
export * from './iam';
export type * from './inspector2';
export type * from './kms';
export type * from './lambda';
export type * from './macie';
export * from './organizations';
export type * from './rds';
export type * from './resource-policies';
export * from './s3';
export type * from './securityhub';
export type * from './sns';
