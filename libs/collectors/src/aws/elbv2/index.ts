// The elbv2 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { elbv2LoadBalancersCollector } from './load-balancers.collector';

export const elbv2Collectors: readonly CollectorDefinition[] = [elbv2LoadBalancersCollector];

/** Each Elastic Load Balancing operation above is authorised by the IAM action of the same name. */
export const elbv2Actions: OperationActions = {
  'elasticloadbalancing:DescribeLoadBalancers': ['elasticloadbalancing:DescribeLoadBalancers'],
  'elasticloadbalancing:DescribeLoadBalancerAttributes': [
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
  ],
};
