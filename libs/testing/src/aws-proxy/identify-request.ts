// Works out service, region, access key, operation and protocol of a signed AWS request.
import { type IncomingHttpHeaders } from 'node:http';
import { type AssumeRoleDetails, type AwsProtocol } from './types';
import { REST_XML_SERVICES, restOperation } from './rest-routes';

export interface RequestLine {
  method: string;
  /** Path and query string, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface IdentifiedRequest {
  service: string;
  region: string;
  accessKeyId: string;
  operation: string;
  protocol: AwsProtocol;
  path: string;
  /** Parameters of a query-protocol call (form body merged over the query string). */
  queryParams?: URLSearchParams;
  assumeRole?: AssumeRoleDetails;
}

interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** `Credential=AKID/date/region/service/aws4_request` of the Authorization header or presigned URL. */
export function credentialScope(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): CredentialScope | undefined {
  const header = headerValue(headers, 'authorization');
  const fromQuery = query.get('X-Amz-Credential');
  const source = header ?? (fromQuery ? `Credential=${fromQuery}` : undefined);
  const m = source ? SCOPE.exec(source) : null;
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { accessKeyId: m[1], region: m[2], service: m[3] };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headerValue(headers, 'content-type') ?? '').startsWith(
    'application/x-www-form-urlencoded',
  );
}

function queryParamsOf(req: RequestLine, query: URLSearchParams): URLSearchParams | undefined {
  const params = new URLSearchParams(query);
  if (isForm(req.headers) && req.body.length > 0) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  }
  return params.has('Action') ? params : undefined;
}

function assumeRoleDetails(params: URLSearchParams): AssumeRoleDetails | undefined {
  const action = params.get('Action');
  if (action !== 'AssumeRole' && action !== 'AssumeRoleWithWebIdentity') return undefined;
  const duration = params.get('DurationSeconds');
  const details: AssumeRoleDetails = { roleArn: params.get('RoleArn') ?? '' };
  const externalId = params.get('ExternalId');
  const sourceIdentity = params.get('SourceIdentity');
  const roleSessionName = params.get('RoleSessionName');
  if (externalId !== null) details.externalId = externalId;
  if (sourceIdentity !== null) details.sourceIdentity = sourceIdentity;
  if (roleSessionName !== null) details.roleSessionName = roleSessionName;
  if (duration !== null) details.durationSeconds = Number(duration);
  return details;
}

/** Service and region from a `service.region.amazonaws.com` host, for unsigned requests. */
function fromHost(headers: IncomingHttpHeaders): { service: string; region: string } {
  const host = headerValue(headers, 'host') ?? '';
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com/.exec(host);
  return { service: m?.[1] ?? 'unknown', region: m?.[2] ?? 'unknown' };
}

export function identifyRequest(req: RequestLine): IdentifiedRequest {
  const url = new URL(req.url, 'http://proxy.invalid');
  const path = url.pathname;
  const scope = credentialScope(req.headers, url.searchParams);
  const { service, region } = scope ?? fromHost(req.headers);
  const accessKeyId = scope?.accessKeyId ?? '';
  const base = { service, region, accessKeyId, path };

  const target = headerValue(req.headers, 'x-amz-target');
  if (target) {
    const operation = target.slice(target.lastIndexOf('.') + 1);
    return { ...base, operation, protocol: 'json' };
  }
  const params = queryParamsOf(req, url.searchParams);
  if (params) {
    const assumeRole = assumeRoleDetails(params);
    return {
      ...base,
      operation: params.get('Action') ?? '',
      protocol: service === 'ec2' ? 'ec2' : 'query',
      queryParams: params,
      ...(assumeRole ? { assumeRole } : {}),
    };
  }
  const protocol = REST_XML_SERVICES.has(service) ? 'rest-xml' : 'rest-json';
  return {
    ...base,
    operation: restOperation(service, req.method, path, url.searchParams),
    protocol,
  };
}
