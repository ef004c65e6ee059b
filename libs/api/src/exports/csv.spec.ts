import { parseCsv } from '@palisade/testing';
import { CSV_COLUMNS, csvCell, csvHeader, csvLine, csvRecord } from './csv';
import { type CsvFindingRow } from './export-row';

function row(overrides: Partial<CsvFindingRow> = {}): CsvFindingRow {
  return {
    uid: 'a'.repeat(64),
    kind: 'check',
    accountId: '111122223333',
    region: 'eu-west-1',
    checkId: 's3_bucket_public_access_block',
    resourceUid: 'arn:aws:s3:::assets',
    resourceType: 'AwsS3Bucket',
    title: 'S3 buckets block public access',
    severity: 'high',
    status: 'new',
    compliance: 'FAIL',
    errorCode: null,
    suppressedBy: null,
    sourceSuppressed: false,
    firstSeenAt: new Date('2030-03-01T10:00:00.000Z'),
    lastSeenAt: new Date('2030-03-02T10:00:00.000Z'),
    resolvedAt: null,
    updatedAt: new Date('2030-03-02T10:00:01.000Z'),
    scanId: '6f3c2b1a-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
    description: 'Bucket assets allows public access.',
    requirements: ['cis-aws-foundations-v7.0.0 3.1.4', 'palisade-security-coverage-v1 S3.1'],
    remediationUrl: 'https://docs.aws.amazon.com/s3/',
    vulnerabilityId: null,
    ...overrides,
  };
}

describe('csv', () => {
  it('should quote cells holding a comma, a quote, CR or LF, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('should neutralise the formula %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('should not touch a cell that only contains a formula character later on', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('arn:aws:iam::1:role/x-y+z@w')).toBe('arn:aws:iam::1:role/x-y+z@w');
  });

  it('should end every record with CRLF and start with the documented header', () => {
    expect(csvLine(['a', null, 'c'])).toBe('a,,c\r\n');
    expect(parseCsv(csvHeader())).toEqual([CSV_COLUMNS.map(([name]) => name)]);
  });

  it('should write one record per row in the order of the header', () => {
    const [header, record] = parseCsv(csvHeader() + csvRecord(row()));
    const byName = Object.fromEntries((header ?? []).map((name, i) => [name, record?.[i]]));
    expect(byName).toEqual({
      finding_uid: 'a'.repeat(64),
      kind: 'check',
      account_id: '111122223333',
      region: 'eu-west-1',
      check_id: 's3_bucket_public_access_block',
      title: 'S3 buckets block public access',
      severity: 'high',
      status: 'new',
      compliance: 'FAIL',
      suppressed: 'false',
      suppressed_by: '',
      resource_type: 'AwsS3Bucket',
      resource_uid: 'arn:aws:s3:::assets',
      description: 'Bucket assets allows public access.',
      requirements: 'cis-aws-foundations-v7.0.0 3.1.4; palisade-security-coverage-v1 S3.1',
      remediation_url: 'https://docs.aws.amazon.com/s3/',
      vulnerability_id: '',
      error_code: '',
      first_seen_at: '2030-03-01T10:00:00.000Z',
      last_seen_at: '2030-03-02T10:00:00.000Z',
      resolved_at: '',
      scan_id: '6f3c2b1a-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
    });
  });

  it('should name the suppressing rule, or inspector2 when Inspector suppresses it', () => {
    const ruleId = '5b0c7c9e-2f0a-4a53-9a3e-0c1f8f6d2b41';
    const byRule = parseCsv(csvRecord(row({ suppressedBy: ruleId })))[0];
    expect(byRule?.[9]).toBe('true');
    expect(byRule?.[10]).toBe(ruleId);
    const byInspector = parseCsv(
      csvRecord(row({ kind: 'inspector', checkId: null, sourceSuppressed: true })),
    )[0];
    expect(byInspector?.[9]).toBe('true');
    expect(byInspector?.[10]).toBe('inspector2');
  });

  it('should keep hostile text inside its own cell, neutralised', () => {
    const text = '=cmd|\' /C calc\'!A0,"x"\r\nnext';
    const records = parseCsv(csvRecord(row({ description: text, title: '-1' })));
    expect(records).toHaveLength(1);
    expect(records[0]).toHaveLength(CSV_COLUMNS.length);
    expect(records[0]?.[13]).toBe(`'${text}`);
    expect(records[0]?.[5]).toBe("'-1");
  });
});
