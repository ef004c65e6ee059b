import { IAMClient, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

describe('iam.serverCertificates collector (moto)', () => {
  const harnesses: CollectorHarness[] = [];

  afterAll(() => harnesses.forEach((h) => h.close()));

  it('should list the stored server certificates with their upload and expiry dates', async () => {
    const h = await collectorHarness();
    harnesses.push(h);
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    await iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'www',
        Path: '/cloudfront/',
        CertificateBody: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
        PrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
      }),
    );

    const { snapshot } = await h.collect(['iam.serverCertificates']);

    // moto answers fixed upload (2010) and expiry (2012) dates for every certificate.
    expect(snapshot.global('iam.serverCertificates')).toEqual({
      ok: true,
      data: [
        {
          name: 'www',
          arn: `arn:aws:iam::${h.accountId}:server-certificate/cloudfront/www`,
          id: expect.any(String) as string,
          path: '/cloudfront/',
          uploadDate: expect.stringMatching(/^\d{4}-/) as string,
          expiration: expect.stringMatching(/^\d{4}-/) as string,
        },
      ],
    });
  });

  it('should give an empty list for an account without certificates', async () => {
    const h = await collectorHarness();
    harnesses.push(h);
    const { snapshot } = await h.collect(['iam.serverCertificates']);
    expect(snapshot.global('iam.serverCertificates')).toEqual({ ok: true, data: [] });
  });
});
