// Collected data of Lambda, per account × region.
import { type Outcome } from '../framework/outcome';

export interface LambdaFunction {
  name: string;
  arn: string;
  runtime?: string;
  /** The function's resource-based policy (JSON text), or null when it has none. */
  policy: Outcome<string | null>;
  /** The function URL's auth type when it has a URL (`NONE` is public). */
  urlAuthType?: string;
  /**
   * The function URL (`GetFunctionUrlConfig`) with its auth type, or null when it has none; a
   * failed read is kept here (then `urlAuthType` is unknown, not absent).
   */
  urlConfig?: Outcome<{ url: string; authType: string } | null>;
}

export interface LambdaRegional {
  'lambda.functions': LambdaFunction[];
}
