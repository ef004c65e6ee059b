export {
  expectationResourceUid,
  postureIssues,
  type DemoBucket,
  type DemoExpectation,
  type DemoFindingSpec,
  type DemoIamUser,
  type DemoOpenPort,
  type DemoPosture,
  type DemoSeededFinding,
  type PostureTarget,
  type SeededPosture,
} from './account-posture';
export { seedAccountPosture } from './seed-account-posture';
export {
  DEMO_CVES,
  demoInspectorFinding,
  demoInstanceId,
  type DemoCve,
  type DemoCveKey,
  type DemoSeverity,
} from './demo-cves';
export {
  DEMO_MANAGEMENT,
  DEMO_MEMBER_ROLE,
  DEMO_POSTURES,
  DEMO_REGIONS,
  demoOrganizationSpec,
  seedDemoOrganization,
  type DemoAccount,
  type DemoOrganization,
  type DemoSeedOptions,
} from './demo-organization';
