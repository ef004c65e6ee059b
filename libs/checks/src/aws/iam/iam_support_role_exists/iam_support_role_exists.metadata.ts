import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_support_role_exists',
  title: 'A support role exists to manage incidents with AWS Support',
  service: 'iam',
  scope: 'account',
  severity: 'low',
  resourceType: 'AwsAccount',
  description:
    'Checks that at least one IAM role has the AWS managed policy AWSSupportAccess attached, so the people who handle incidents can open and manage AWS Support cases without broader rights.',
  risk: 'Without a dedicated support role, incident responders either cannot reach AWS Support in time or are given far wider permissions to do so.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountAuthorizationDetails'],
    pass: 'Some role’s AttachedManagedPolicies (GetAccountAuthorizationDetails) contains arn:<partition>:iam::aws:policy/AWSSupportAccess; the evidence lists the roles.',
    fail: 'No role has AWSSupportAccess attached (users or groups holding it are listed in the evidence but do not count).',
  },
  remediation: {
    text: 'Create a role that your incident responders can assume (trusting your identity provider or accounts) and attach the AWSSupportAccess managed policy to it.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json && aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
    cloudformation:
      'AWS::IAM::Role with ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSSupportAccess]',
    terraform:
      'resource "aws_iam_role" plus resource "aws_iam_role_policy_attachment" with policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"',
    url: 'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
  },
  categories: ['identity-access', 'incident-response'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.15'] },
  requires: ['iam.authorizationDetails'],
};
