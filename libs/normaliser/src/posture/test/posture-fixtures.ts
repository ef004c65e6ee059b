// Integration-test support for posture (excluded from the build: `**/test/**`): checks that
// belong to exactly one framework, so a test knows which posture each finding counts in.

/** A check of CIS AWS Foundations v7.0.0 only. */
export const CIS_CHECK = 'iam_root_access_key_absent';
/** Another check of CIS AWS Foundations v7.0.0 only. */
export const CIS_CHECK_2 = 'iam_root_mfa_enabled';
/** The check of Palisade security-service coverage v1 only. */
export const COVERAGE_CHECK = 'inspector2_scanning_enabled';
export const CIS = 'cis-aws-foundations-v7.0.0';
export const COVERAGE = 'palisade-security-coverage-v1';
