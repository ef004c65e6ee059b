import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'account_security_contact_registered',
  title: 'A security alternate contact is registered',
  service: 'account',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsAccount',
  description:
    'Checks that the account has a SECURITY alternate contact, so AWS can reach the security team about findings, abuse reports and compromised credentials.',
  risk: 'Without a security contact, AWS’s security notifications go only to the root email address, which is often a person who left or an unmonitored mailbox.',
  assessment: 'automated',
  rule: {
    apis: ['account:GetAlternateContact'],
    pass: 'GetAlternateContact with AlternateContactType SECURITY returns a contact.',
    fail: 'GetAlternateContact for SECURITY answers ResourceNotFoundException: no security contact is set. Any other error is an ERROR with its code.',
  },
  remediation: {
    text: 'Register a security alternate contact that reaches the security team (a monitored distribution list), in the console (Account → Alternate contacts) or with the CLI; an organization’s management account can set it for every member.',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name <team> --title <title> --email-address <security@example.com> --phone-number <phone> [--account-id <member>]',
    terraform: 'resource "aws_account_alternate_contact" with alternate_contact_type = "SECURITY"',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  },
  categories: ['incident-response'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.3'] },
  requires: ['account.alternateContacts'],
};
