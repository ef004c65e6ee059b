// The IAM Access Analyzer analyzers of a region, of every type (the check keeps the external
// access ones: ACCOUNT and ORGANIZATION).
import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { type AccessAnalyzer } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const analyzersCollector = defineCollector({
  key: 'accessanalyzer.analyzers',
  scope: 'regional',
  operations: ['access-analyzer:ListAnalyzers'],
  async collect(ctx) {
    const client = ctx.client(AccessAnalyzerClient, 'accessanalyzer');
    const analyzers: AccessAnalyzer[] = [];
    for await (const page of paginateListAnalyzers({ client }, {})) {
      for (const a of page.analyzers ?? []) {
        if (a.arn === undefined || a.name === undefined) continue;
        const analyzer: AccessAnalyzer = {
          name: a.name,
          arn: a.arn,
          type: a.type ?? 'UNKNOWN',
          status: a.status ?? 'UNKNOWN',
        };
        if (a.statusReason?.code !== undefined) analyzer.statusReason = a.statusReason.code;
        analyzers.push(analyzer);
      }
    }
    return analyzers;
  },
});
