import { clientErrorResponse } from './client-error';

function parse(raw: string): { statusLine: string; headers: string[]; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headers] = head.split('\r\n');
  return { statusLine, headers, body: JSON.parse(body) as unknown };
}

describe('clientErrorResponse', () => {
  it('should answer headers over the limit with 431 problem+json and close', () => {
    const raw = clientErrorResponse('HPE_HEADER_OVERFLOW');
    const { statusLine, headers, body } = parse(raw);
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(headers).toContain('Connection: close');
    const length = Number(headers.find((h) => h.startsWith('Content-Length: '))?.slice(16));
    expect(length).toBe(Buffer.byteLength(raw.split('\r\n\r\n')[1] ?? ''));
    expect(body).toEqual({
      type: 'https://palisade.dev/problems/headers-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: 'the request headers (the query string included) are too large',
    });
  });

  it('should answer a request Node cannot parse with 400, and a slow one with 408', () => {
    expect(parse(clientErrorResponse('HPE_INVALID_METHOD'))).toMatchObject({
      statusLine: 'HTTP/1.1 400 Bad Request',
      body: { status: 400, title: 'Bad Request', detail: 'the request is not valid HTTP' },
    });
    expect(parse(clientErrorResponse('ERR_HTTP_REQUEST_TIMEOUT'))).toMatchObject({
      statusLine: 'HTTP/1.1 408 Request Timeout',
      body: { status: 408, type: 'https://palisade.dev/problems/request-timeout' },
    });
  });
});
