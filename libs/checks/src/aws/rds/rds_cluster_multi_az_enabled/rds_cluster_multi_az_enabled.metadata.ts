import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'rds_cluster_multi_az_enabled',
  title: 'RDS DB clusters have instances in more than one Availability Zone',
  service: 'rds',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  description:
    'Checks that every DB cluster (Aurora, Multi-AZ DB clusters, and the Neptune and DocumentDB clusters that share the RDS API) is Multi-AZ: its instances span more than one Availability Zone, so a reader can take over when the writer’s zone fails. CIS marks the requirement Manual because a person decides which databases need high availability; whether Multi-AZ is used is decided by the API, so Palisade reports it per cluster.',
  risk: 'A cluster whose instances are all in one Availability Zone is unavailable while that zone fails, until a new instance is created elsewhere.',
  assessment: 'automated',
  rule: {
    apis: ['rds:DescribeDBClusters'],
    pass: 'The cluster’s `MultiAZ` is true.',
    fail: 'The cluster’s `MultiAZ` is false (a single instance, or all instances in one zone). Clusters that deliberately run in one zone fail too: record that decision as a suppression with its reason.',
  },
  remediation: {
    text: 'Add a reader instance in another Availability Zone (Aurora), or create the cluster as a Multi-AZ DB cluster.',
    cli: 'aws rds create-db-instance --db-cluster-identifier <cluster> --db-instance-identifier <cluster>-reader --engine <engine> --db-instance-class <class> --availability-zone <other-zone>',
    cloudformation:
      'A second AWS::RDS::DBInstance with DBClusterIdentifier set and a different AvailabilityZone',
    terraform:
      'resource "aws_rds_cluster_instance" count = 2 (instances spread across the cluster’s availability_zones)',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html',
  },
  categories: ['resilience'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.2.4'] },
  requires: ['rds.clusters'],
};
