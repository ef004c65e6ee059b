import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_instance_profile_attached',
  title: 'EC2 instances use an IAM instance role for AWS access',
  service: 'ec2',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEc2Instance',
  description:
    'Checks that every EC2 instance (pending, running, stopping or stopped) of every scanned region has an IAM instance profile attached, so software on it gets temporary role credentials instead of stored access keys.',
  risk: 'An instance without a role needs long-lived access keys on disk or in code to call AWS; such keys leak with images, backups and repositories and are rarely rotated.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeInstances'],
    pass: 'The instance has an IAM instance profile associated (DescribeInstances IamInstanceProfile is set).',
    fail: 'The instance has no IAM instance profile. Instances shutting down or terminated are not judged.',
  },
  remediation: {
    text: 'Create an IAM role for the workload with least-privilege permissions, attach it to the instance through an instance profile, and remove any access keys stored on the instance.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile-name>',
    cloudformation: 'AWS::EC2::Instance IamInstanceProfile: !Ref <AWS::IAM::InstanceProfile>',
    terraform: 'aws_instance { iam_instance_profile = aws_iam_instance_profile.<name>.name }',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
  },
  categories: ['identity-and-access', 'secrets'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.16'] },
  requires: ['ec2.instances'],
};
