// A failed optional part of the walk, classified like every other AWS error.
import { classifyAwsError } from '@palisade/aws';
import { type WalkIssue } from './organization-inventory';

export function walkIssue(operation: string, subject: string | undefined, err: unknown): WalkIssue {
  const c = classifyAwsError(err);
  return {
    operation,
    ...(subject !== undefined ? { subject } : {}),
    code: c.code,
    ...(c.awsCode !== undefined ? { awsCode: c.awsCode } : {}),
    message: c.message,
  };
}
