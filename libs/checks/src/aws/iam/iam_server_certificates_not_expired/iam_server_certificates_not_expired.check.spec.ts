import { type IamServerCertificate } from '../../../collected/iam';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { iamServerCertificatesNotExpired } from './iam_server_certificates_not_expired.check';

function cert(name: string, expiration: string | null): IamServerCertificate {
  return {
    name,
    arn: `arn:aws:iam::111122223333:server-certificate/${name}`,
    id: `ASCA${name.toUpperCase()}`,
    path: '/',
    uploadDate: '2024-01-01T00:00:00.000Z',
    expiration,
  };
}

function run(certs: IamServerCertificate[]) {
  return runCheck(
    iamServerCertificatesNotExpired,
    new SnapshotBuilder().setGlobal('iam.serverCertificates', ok(certs)),
  );
}

describe('iam_server_certificates_not_expired', () => {
  it('should PASS a certificate valid after the evaluation time and FAIL an expired one', () => {
    const results = run([
      cert('www', '2026-12-31T00:00:00.000Z'),
      cert('old', '2026-05-31T23:59:59.000Z'),
    ]);
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:iam::111122223333:server-certificate/www', 'PASS'],
      ['arn:aws:iam::111122223333:server-certificate/old', 'FAIL'],
    ]);
    expect(results[1]?.message).toBe(
      'Server certificate old stored in IAM of account 111122223333 expired on 2026-05-31',
    );
    expect(results[1]?.resourceType).toBe('AwsIamServerCertificate');
  });

  it('should FAIL a certificate expiring exactly at the evaluation time', () => {
    expect(run([cert('edge', '2026-06-01T00:00:00.000Z')])[0]?.status).toBe('FAIL');
  });

  it('should be ERROR for a certificate without an expiration date', () => {
    expect(run([cert('odd', null)])).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'EXPIRATION_UNKNOWN' }),
    ]);
  });

  it('should be one ERROR when the certificates cannot be listed', () => {
    const results = runCheck(
      iamServerCertificatesNotExpired,
      new SnapshotBuilder().setGlobal('iam.serverCertificates', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing when IAM stores no certificates', () => {
    expect(run([])).toEqual([]);
  });
});
