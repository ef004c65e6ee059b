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
  elasticfilesystem: [
    r('GET', /^\/2015-02-01\/file-systems$/, 'DescribeFileSystems'),
    r('POST', /^\/2015-02-01\/file-systems$/, 'CreateFileSystem'),
    r('PUT', /^\/2015-02-01\/file-systems\/[^/]+$/, 'UpdateFileSystem'),
    r('DELETE', /^\/2015-02-01\/file-systems\/[^/]+$/, 'DeleteFileSystem'),
    r('GET', /^\/2015-02-01\/file-systems\/[^/]+\/policy$/, 'DescribeFileSystemPolicy'),
    r('GET', /^\/2015-02-01\/file-systems\/[^/]+\/backup-policy$/, 'DescribeBackupPolicy'),
    r('GET', /^\/2015-02-01\/mount-targets$/, 'DescribeMountTargets'),
    r('GET', /^\/2015-02-01\/access-points$/, 'DescribeAccessPoints'),
    r('GET', /^\/2015-02-01\/resource-tags\/[^/]+$/, 'ListTagsForResource'),
  ],
  macie2: [
    r('GET', /^\/macie$/, 'GetMacieSession'),
    r('POST', /^\/macie$/, 'EnableMacie'),
    r('PATCH', /^\/macie$/, 'UpdateMacieSession'),
    r('DELETE', /^\/macie$/, 'DisableMacie'),
    r('GET', /^\/administrator$/, 'GetAdministratorAccount'),
    r('POST', /^\/jobs\/list$/, 'ListClassificationJobs'),
    r('GET', /^\/automated-discovery\/configuration$/, 'GetAutomatedDiscoveryConfiguration'),
  ],
  cloudfront: [
    r('GET', /^\/2020-05-31\/distribution$/, 'ListDistributions'),
    r('POST', /^\/2020-05-31\/distribution$/, 'CreateDistribution'),
    r('GET', /^\/2020-05-31\/distribution\/[^/]+$/, 'GetDistribution'),
    r('DELETE', /^\/2020-05-31\/distribution\/[^/]+$/, 'DeleteDistribution'),
    r('GET', /^\/2020-05-31\/distribution\/[^/]+\/config$/, 'GetDistributionConfig'),
    r('PUT', /^\/2020-05-31\/distribution\/[^/]+\/config$/, 'UpdateDistribution'),
  ],
  // API Gateway v1 (`/restapis`) and v2 (`/v2/apis`) both sign as `apigateway`.
  apigateway: [
    r('GET', /^\/restapis$/, 'GetRestApis'),
    r('POST', /^\/restapis$/, 'CreateRestApi'),
    r('GET', /^\/restapis\/[^/]+\/stages$/, 'GetStages'),
    r('POST', /^\/restapis\/[^/]+\/stages$/, 'CreateStage'),
    r('PATCH', /^\/restapis\/[^/]+\/stages\/[^/]+$/, 'UpdateStage'),
    r('GET', /^\/restapis\/[^/]+\/resources$/, 'GetResources'),
    r('PUT', /^\/restapis\/[^/]+\/resources\/[^/]+\/methods\/[^/]+$/, 'PutMethod'),
    r(
      'PUT',
      /^\/restapis\/[^/]+\/resources\/[^/]+\/methods\/[^/]+\/integration$/,
      'PutIntegration',
    ),
    r('POST', /^\/restapis\/[^/]+\/deployments$/, 'CreateDeployment'),
    r('GET', /^\/v2\/apis$/, 'GetApis'),
    r('POST', /^\/v2\/apis$/, 'CreateApi'),
    r('GET', /^\/v2\/apis\/[^/]+\/stages$/, 'GetStages'),
    r('POST', /^\/v2\/apis\/[^/]+\/stages$/, 'CreateStage'),
  ],
  // AWS Account Management: every operation is `POST /<camelCaseOperation>`.
  account: [
    r('POST', /^\/getContactInformation$/, 'GetContactInformation'),
    r('POST', /^\/putContactInformation$/, 'PutContactInformation'),
    r('POST', /^\/getAlternateContact$/, 'GetAlternateContact'),
    r('POST', /^\/putAlternateContact$/, 'PutAlternateContact'),
    r('POST', /^\/deleteAlternateContact$/, 'DeleteAlternateContact'),
    r('POST', /^\/getAccountInformation$/, 'GetAccountInformation'),
    r('POST', /^\/getPrimaryEmail$/, 'GetPrimaryEmail'),
    r('POST', /^\/getRegionOptStatus$/, 'GetRegionOptStatus'),
    r('POST', /^\/listRegions$/, 'ListRegions'),
  ],
  lambda: [
    r('GET', /^\/2015-03-31\/functions\/?$/, 'ListFunctions'),
    r('POST', /^\/2015-03-31\/functions\/?$/, 'CreateFunction'),
    r('GET', /^\/2015-03-31\/functions\/[^/]+$/, 'GetFunction'),
    r('DELETE', /^\/2015-03-31\/functions\/[^/]+$/, 'DeleteFunction'),
    r('GET', /^\/2015-03-31\/functions\/[^/]+\/policy$/, 'GetPolicy'),
    r('POST', /^\/2015-03-31\/functions\/[^/]+\/policy$/, 'AddPermission'),
    r('DELETE', /^\/2015-03-31\/functions\/[^/]+\/policy\/[^/]+$/, 'RemovePermission'),
    r('GET', /^\/2021-10-31\/functions\/[^/]+\/url$/, 'GetFunctionUrlConfig'),
    r('POST', /^\/2021-10-31\/functions\/[^/]+\/url$/, 'CreateFunctionUrlConfig'),
    r('PUT', /^\/2021-10-31\/functions\/[^/]+\/url$/, 'UpdateFunctionUrlConfig'),
    r('DELETE', /^\/2021-10-31\/functions\/[^/]+\/url$/, 'DeleteFunctionUrlConfig'),
    r('GET', /^\/2021-10-31\/functions\/[^/]+\/urls$/, 'ListFunctionUrlConfigs'),
  ],
  // Glacier's paths name the account (`-` = the caller's).
  glacier: [
    r('GET', /^\/[^/]+\/vaults$/, 'ListVaults'),
    r('PUT', /^\/[^/]+\/vaults\/[^/]+$/, 'CreateVault'),
    r('GET', /^\/[^/]+\/vaults\/[^/]+$/, 'DescribeVault'),
    r('DELETE', /^\/[^/]+\/vaults\/[^/]+$/, 'DeleteVault'),
    r('GET', /^\/[^/]+\/vaults\/[^/]+\/access-policy$/, 'GetVaultAccessPolicy'),
    r('PUT', /^\/[^/]+\/vaults\/[^/]+\/access-policy$/, 'SetVaultAccessPolicy'),
    r('DELETE', /^\/[^/]+\/vaults\/[^/]+\/access-policy$/, 'DeleteVaultAccessPolicy'),
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
    // S3 Control (account id in the host name); only the account-level public access block,
    // named as its IAM action (the bucket-level operation shares the SDK name).
    if (path === '/v20180820/configuration/publicAccessBlock' && S3_VERB[method]) {
      return `${S3_VERB[method]}AccountPublicAccessBlock`;
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
