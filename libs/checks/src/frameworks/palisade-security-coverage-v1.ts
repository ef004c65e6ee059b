// Beyond CIS: whether the security services a team relies on actually cover every account and
// region. Its checks run when the job asks for the service (e.g. Inspector2 enabled on the source).
import { type FrameworkDefinition } from './framework-definition';

export const PALISADE_SECURITY_COVERAGE_V1: FrameworkDefinition = {
  id: 'palisade-security-coverage-v1',
  name: 'Palisade security-service coverage',
  version: '1',
  requirements: [
    {
      id: 'inspector2',
      title: 'Amazon Inspector2 scans EC2, ECR or Lambda in every scanned region',
      profile: 'Palisade',
      cisAssessment: 'automated',
    },
  ],
};
