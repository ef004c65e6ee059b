// Collected data of IAM Access Analyzer, per account × region.

/** An analyzer (`ListAnalyzers`). */
export interface AccessAnalyzer {
  name: string;
  arn: string;
  /** ACCOUNT | ORGANIZATION (external access) or the unused / internal access types. */
  type: string;
  /** ACTIVE | CREATING | DISABLED | FAILED */
  status: string;
  statusReason?: string;
}

export interface AccessAnalyzerRegional {
  /** Every analyzer of the region, of every type. */
  'accessanalyzer.analyzers': AccessAnalyzer[];
}
