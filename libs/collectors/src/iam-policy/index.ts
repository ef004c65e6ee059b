// The member scan role's IAM policy: generated from the operation → action table, evaluated
// offline against the AWS managed policies, and kept equal in the deploy/aws templates.
export * from './evaluate';
export * from './generate';
export * from './replay';
export * from './managed-policies';
export * from './templates';
