import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_server_certificates_not_expired',
  title: 'No expired SSL/TLS certificates are stored in IAM',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsIamServerCertificate',
  description:
    'Checks every server certificate stored in IAM (ListServerCertificates) and fails those whose expiration date has passed.',
  risk: 'An expired certificate left in IAM can be deployed to a load balancer or CloudFront by mistake, breaking the service and teaching users to click through certificate warnings.',
  assessment: 'automated',
  rule: {
    apis: ['iam:ListServerCertificates'],
    pass: 'The certificate’s Expiration is after the evaluation time.',
    fail: 'The certificate’s Expiration is at or before the evaluation time. A certificate without an expiration date is an ERROR.',
  },
  remediation: {
    text: 'Delete expired server certificates from IAM (after confirming no load balancer or distribution still uses them); prefer AWS Certificate Manager, which renews certificates.',
    cli: 'aws iam delete-server-certificate --server-certificate-name <name>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
  },
  categories: ['data-protection', 'encryption'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.17'] },
  requires: ['iam.serverCertificates'],
};
