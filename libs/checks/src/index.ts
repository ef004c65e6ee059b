// @palisade/checks: the check framework, every check, and the frameworks they implement. Pure:
// checks read collected snapshots and never call AWS (a dependency rule enforces it).
export * from './collected';
export { type Outcome, ok, failed } from './framework/outcome';
export * from './framework/metadata';
export * from './framework/context';
export * from './framework/snapshot';
export * from './framework/check';
export * from './framework/results';
export * from './framework/policy';
export * from './framework/runner';
export * from './frameworks/framework-definition';
export { CIS_AWS_FOUNDATIONS_V7 } from './frameworks/cis-aws-foundations-v7.0.0';
export { PALISADE_SECURITY_COVERAGE_V1 } from './frameworks/palisade-security-coverage-v1';
export { ALL_CHECKS, FRAMEWORKS, selectChecks, type CheckSelection } from './registry';
export * from './framework/check-kit';
export { renderChecksDoc } from './docs/checks-doc';
