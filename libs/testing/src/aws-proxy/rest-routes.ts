// Best-effort operation names for REST protocols, from method + path (+ S3 subresources).
// Only what Palisade's tests touch; unknown routes fall back to "METHOD /path".

interface Route {
  method: string;
  path: RegExp;
  operation: string;
}

const r = (method: string, path: RegExp, operation: string): Route => ({ method, path, operation });

/** REST-JSON services by SigV4 signing name. */
const REST_JSON_ROUTES: Readonly<Record<string, readonly Route[]>> = {
  inspector2: [
    r('POST', /^\/findings\/list$/, 'ListFindings'),
    r('POST', /^\/findings\/details\/batch\/get$/, 'BatchGetFindingDetails'),
    r('POST', /^\/findings\/aggregation\/list$/, 'ListFindingAggregations'),
    r('POST', /^\/status\/batch\/get$/, 'BatchGetAccountStatus'),
    r('POST', /^\/enable$/, 'Enable'),
    r('POST', /^\/disable$/, 'Disable'),
    r('POST', /^\/delegatedadminaccounts\/list$/, 'ListDelegatedAdminAccounts'),
    r('POST', /^\/delegatedadminaccounts\/enable$/, 'EnableDelegatedAdminAccount'),
    r('POST', /^\/delegatedadminaccounts\/disable$/, 'DisableDelegatedAdminAccount'),
    r('POST', /^\/delegatedadminaccounts\/get$/, 'GetDelegatedAdminAccount'),
    r('POST', /^\/members\/list$/, 'ListMembers'),
    r('POST', /^\/members\/get$/, 'GetMember'),
    r('POST', /^\/members\/associate$/, 'AssociateMember'),
    r('POST', /^\/members\/disassociate$/, 'DisassociateMember'),
    r('POST', /^\/organizationconfiguration\/describe$/, 'DescribeOrganizationConfiguration'),
    r('POST', /^\/organizationconfiguration\/update$/, 'UpdateOrganizationConfiguration'),
    r('POST', /^\/filters\/list$/, 'ListFilters'),
    r('POST', /^\/filters\/create$/, 'CreateFilter'),
    r('POST', /^\/filters\/delete$/, 'DeleteFilter'),
    r('POST', /^\/coverage\/list$/, 'ListCoverage'),
    r('POST', /^\/coverage\/statistics\/list$/, 'ListCoverageStatistics'),
    r('POST', /^\/usage\/list$/, 'ListUsageTotals'),
    r('GET', /^\/tags\/.+$/, 'ListTagsForResource'),
    r('POST', /^\/tags\/.+$/, 'TagResource'),
    r('DELETE', /^\/tags\/.+$/, 'UntagResource'),
  ],
  guardduty: [
    r('GET', /^\/detector$/, 'ListDetectors'),
    r('POST', /^\/detector$/, 'CreateDetector'),
    r('GET', /^\/detector\/[^/]+$/, 'GetDetector'),
    r('POST', /^\/detector\/[^/]+\/findings$/, 'ListFindings'),
    r('POST', /^\/detector\/[^/]+\/findings\/get$/, 'GetFindings'),
    r('GET', /^\/admin$/, 'ListOrganizationAdminAccounts'),
  ],
  'access-analyzer': [
    r('GET', /^\/analyzer$/, 'ListAnalyzers'),
    r('PUT', /^\/analyzer$/, 'CreateAnalyzer'),
    r('POST', /^\/finding$/, 'ListFindings'),
    r('POST', /^\/findingv2$/, 'ListFindingsV2'),
  ],
  securityhub: [
    r('GET', /^\/accounts$/, 'DescribeHub'),
    r('POST', /^\/accounts$/, 'EnableSecurityHub'),
    r('POST', /^\/standards\/get$/, 'GetEnabledStandards'),
    r('POST', /^\/findings$/, 'GetFindings'),
  ],
};

/** S3 bucket subresources (query keys) → the operation's noun. */
const S3_SUBRESOURCES: Readonly<Record<string, string>> = {
  policy: 'BucketPolicy',
  policyStatus: 'BucketPolicyStatus',
  acl: 'BucketAcl',
  versioning: 'BucketVersioning',
  encryption: 'BucketEncryption',
  publicAccessBlock: 'PublicAccessBlock',
  logging: 'BucketLogging',
  location: 'BucketLocation',
  tagging: 'BucketTagging',
  lifecycle: 'BucketLifecycleConfiguration',
  ownershipControls: 'BucketOwnershipControls',
  cors: 'BucketCors',
  website: 'BucketWebsite',
  replication: 'BucketReplication',
  notification: 'BucketNotificationConfiguration',
  'object-lock': 'ObjectLockConfiguration',
};

const S3_VERB: Readonly<Record<string, string>> = { GET: 'Get', PUT: 'Put', DELETE: 'Delete' };

function s3Operation(method: string, path: string, query: URLSearchParams): string | undefined {
  if (path.startsWith('/v20180820/')) {
    // S3 Control (account id in the host name); only the account-level public access block.
    if (path === '/v20180820/configuration/publicAccessBlock' && S3_VERB[method]) {
      return `${S3_VERB[method]}PublicAccessBlock`;
    }
    return undefined;
  }
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments.length === 0) return method === 'GET' ? 'ListBuckets' : undefined;
  const isObject = segments.length > 1;
  if (isObject) {
    if (query.has('tagging') && S3_VERB[method]) return `${S3_VERB[method]}ObjectTagging`;
    if (query.has('acl') && S3_VERB[method]) return `${S3_VERB[method]}ObjectAcl`;
    if (method === 'PUT') return 'PutObject';
    return { GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method];
  }
  for (const [key, noun] of Object.entries(S3_SUBRESOURCES)) {
    if (query.has(key) && S3_VERB[method]) return `${S3_VERB[method]}${noun}`;
  }
  if (method === 'GET' && query.has('versions')) return 'ListObjectVersions';
  if (method === 'GET' && query.has('uploads')) return 'ListMultipartUploads';
  if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
  if (method === 'GET') return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
  return { PUT: 'CreateBucket', DELETE: 'DeleteBucket', HEAD: 'HeadBucket' }[method];
}

/** The operation name for a REST call, or `METHOD /path` when the route is not in the table. */
export function restOperation(
  service: string,
  method: string,
  path: string,
  query: URLSearchParams,
): string {
  const found =
    service === 's3'
      ? s3Operation(method, path, query)
      : REST_JSON_ROUTES[service]?.find((route) => route.method === method && route.path.test(path))
          ?.operation;
  return found ?? `${method} ${path}`;
}

/** Services on the REST-XML protocol (everything else without a target or Action is REST-JSON). */
export const REST_XML_SERVICES: ReadonlySet<string> = new Set(['s3', 'route53', 'cloudfront']);
