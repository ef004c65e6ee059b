import { parseCredentialReport } from './credential-report';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

// Rows in the shape real IAM returns (documented columns and placeholder values).
const ROOT =
  '<root_account>,arn:aws:iam::111122223333:root,2019-04-10T09:11:02+00:00,not_supported,2026-05-01T10:00:00+00:00,not_supported,not_supported,true,true,2020-01-02T03:04:05+00:00,2026-04-30T08:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE =
  'alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,no_information,2024-01-01T00:00:00+00:00,N/A,false,true,2024-02-01T00:00:00+00:00,N/A,N/A,N/A,false,2024-03-01T00:00:00+00:00,2024-03-05T00:00:00+00:00,eu-west-1,iam,false,N/A,false,N/A';
const BOB =
  'bob,arn:aws:iam::111122223333:user/team/bob,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

describe('parseCredentialReport (recorded real report shape)', () => {
  it('should split the root row from the users and read dates, flags and both key slots', () => {
    const report = parseCredentialReport(
      [HEADER, ROOT, ALICE, BOB, ''].join('\n'),
      '2026-05-31T00:00:00.000Z',
    );
    expect(report.generatedAt).toBe('2026-05-31T00:00:00.000Z');
    expect(report.root).toMatchObject({
      user: '<root_account>',
      passwordEnabled: null,
      passwordLastUsed: '2026-05-01T10:00:00.000Z',
      mfaActive: true,
    });
    expect(report.root?.accessKeys[0]).toEqual({
      slot: 1,
      active: true,
      lastRotated: '2020-01-02T03:04:05.000Z',
      lastUsed: '2026-04-30T08:00:00.000Z',
      lastUsedRegion: 'us-east-1',
      lastUsedService: 's3',
    });
    expect(report.users.map((u) => u.user)).toEqual(['alice', 'bob']);
    expect(report.users[0]).toMatchObject({
      passwordEnabled: true,
      passwordLastUsed: null,
      passwordLastChanged: '2024-01-01T00:00:00.000Z',
      mfaActive: false,
    });
    expect(report.users[0]?.accessKeys).toEqual([
      {
        slot: 1,
        active: true,
        lastRotated: '2024-02-01T00:00:00.000Z',
        lastUsed: null,
        lastUsedRegion: null,
        lastUsedService: null,
      },
      {
        slot: 2,
        active: false,
        lastRotated: '2024-03-01T00:00:00.000Z',
        lastUsed: '2024-03-05T00:00:00.000Z',
        lastUsedRegion: 'eu-west-1',
        lastUsedService: 'iam',
      },
    ]);
    expect(report.users[1]).toMatchObject({
      arn: 'arn:aws:iam::111122223333:user/team/bob',
      passwordEnabled: false,
      passwordLastChanged: null,
      mfaActive: true,
    });
  });

  it('should find columns by name when AWS reorders them, and accept CRLF line ends', () => {
    const report = parseCredentialReport(
      'arn,mfa_active,user,password_enabled\r\narn:aws:iam::1:user/x,true,x,true\r\n',
      null,
    );
    expect(report.users).toEqual([
      expect.objectContaining({ user: 'x', arn: 'arn:aws:iam::1:user/x', mfaActive: true }),
    ]);
    expect(report.users[0]?.accessKeys.every((k) => !k.active && k.lastRotated === null)).toBe(
      true,
    );
  });

  it('should rejoin a user name that contains commas (IAM does not quote it)', () => {
    const row = BOB.replace('bob,', 'a,b,c,').replace('team/bob', 'team/a,b,c');
    const report = parseCredentialReport([HEADER, row].join('\n'), null);
    expect(report.users[0]).toMatchObject({
      user: 'a,b,c',
      arn: 'arn:aws:iam::111122223333:user/team/a,b,c',
      passwordEnabled: false,
      mfaActive: true,
    });
  });

  it('should read quoted fields', () => {
    const report = parseCredentialReport(
      'user,arn,password_enabled,mfa_active\n"q,""x""","arn:aws:iam::1:user/q",true,false\n',
      null,
    );
    expect(report.users[0]).toMatchObject({ user: 'q,"x"', passwordEnabled: true });
  });

  it('should refuse a report without the columns it reads, or a row it cannot align', () => {
    expect(() => parseCredentialReport('user,arn\nx,arn:aws:iam::1:user/x\n', null)).toThrow(
      'no password_enabled column',
    );
    expect(() => parseCredentialReport(`${HEADER}\nx,arn,1\n`, null)).toThrow('has 3 fields');
  });

  it('should give no users for a report with only its header', () => {
    expect(parseCredentialReport(`${HEADER}\n`, null)).toEqual({
      generatedAt: null,
      root: null,
      users: [],
    });
  });
});
