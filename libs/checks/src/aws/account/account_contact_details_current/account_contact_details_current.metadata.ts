import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'account_contact_details_current',
  title: 'The account’s contact details are current (review)',
  service: 'account',
  scope: 'account',
  severity: 'low',
  resourceType: 'AwsAccount',
  description:
    'Reports the account’s primary contact and its billing, operations and security alternate contacts, for a person to confirm they reach people who still answer.',
  risk: 'AWS contacts the account’s contacts about abuse, compromise and billing problems; outdated details mean those warnings reach nobody, and AWS may suspend the account.',
  assessment: 'manual',
  rule: {
    apis: ['account:GetContactInformation', 'account:GetAlternateContact'],
    pass: 'Not decided automatically: MANUAL.',
    fail: 'Not decided automatically: MANUAL.',
    manual:
      'Evidence: the primary contact (GetContactInformation: name, company, address, phone, website) and each alternate contact type (GetAlternateContact for BILLING, OPERATIONS, SECURITY: name, title, email, phone; "not set" when absent; the error code when unreadable). A person confirms the details are current and reach a monitored mailbox or phone (a distribution list, not one person). The root user’s email address is not readable through these APIs.',
  },
  remediation: {
    text: 'Update the primary contact and the alternate contacts in the console (Account → Contact information, Alternate contacts) or with the CLI.',
    cli: 'aws account put-contact-information --contact-information file://contact.json; aws account put-alternate-contact --alternate-contact-type OPERATIONS --name <name> --title <title> --email-address <email> --phone-number <phone>',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
  },
  categories: ['incident-response'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.2'] },
  requires: ['account.contactInformation', 'account.alternateContacts'],
};
