import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'lambda_function_policy_no_public_principal',
  title:
    'Lambda function policies and URLs do not allow unrestricted access to anyone (Principal *)',
  service: 'lambda',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsLambdaFunction',
  description:
    'Checks every Lambda function’s resource-based policy for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks or sources, and its function URL for auth type NONE.',
  risk: 'Anyone can invoke the function (through its URL without signing at all, or with any AWS account through the policy), running its code with its role’s permissions and running up its cost.',
  assessment: 'automated',
  rule: {
    apis: ['lambda:ListFunctions', 'lambda:GetPolicy', 'lambda:GetFunctionUrlConfig'],
    pass: 'The function has no resource policy, or every Allow statement of it names its principals or carries a condition that ties `*` to known accounts, organizations or sources (e.g. aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID with a literal value and a positive operator); and it has no function URL, or one with auth type AWS_IAM.',
    fail: 'The policy (of the unqualified function) has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition — `lambda:FunctionUrlAuthType` does not restrict the caller — or the function URL has auth type NONE. The evidence lists the statements and the URL.',
  },
  remediation: {
    text: 'Remove public statements from the function policy (or add an aws:SourceArn / aws:SourceAccount condition for service principals) and set the function URL’s auth type to AWS_IAM, or delete the URL.',
    cli: 'aws lambda remove-permission --function-name <function> --statement-id <sid>; aws lambda update-function-url-config --function-name <function> --auth-type AWS_IAM',
    cloudformation:
      'AWS::Lambda::Permission with a named Principal and SourceArn/SourceAccount; AWS::Lambda::Url AuthType: AWS_IAM',
    terraform:
      'resource "aws_lambda_permission" with source_arn / source_account; aws_lambda_function_url authorization_type = "AWS_IAM"',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['lambda.functions'],
};
