// @palisade/collectors: per-service collectors — the only code calling AWS for checks — the
// collection run that memoises them per account × region, the SDK-operation → IAM-action
// table, and the Inspector2 findings puller.
export * from './framework/collector';
export * from './framework/operation-actions';
export * from './framework/collection-run';
export { awsErrorName, hasAwsCode } from './framework/aws-error';
export { ALL_COLLECTORS, OPERATION_ACTIONS, collectorCatalogue } from './catalogue';
export * from './inspector2';
export * from './iam-policy';
