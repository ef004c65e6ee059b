import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { dateOf } from '../iam-shared';
import { metadata } from './iam_server_certificates_not_expired.metadata';

export const iamServerCertificatesNotExpired = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const certificates = collected.global('iam.serverCertificates');
  if (!certificates.ok) return [];
  return certificates.data.map((cert) => {
    if (cert.expiration === null) {
      return results.error(
        cert.arn,
        'EXPIRATION_UNKNOWN',
        `IAM gives no expiration date for server certificate ${cert.name} in account ${ctx.accountId}`,
      );
    }
    const evidence = { expiration: cert.expiration, uploadDate: cert.uploadDate, path: cert.path };
    return Date.parse(cert.expiration) <= ctx.now.getTime()
      ? results.fail(
          cert.arn,
          `Server certificate ${cert.name} stored in IAM of account ${ctx.accountId} expired on ${dateOf(cert.expiration)}`,
          evidence,
        )
      : results.pass(
          cert.arn,
          `Server certificate ${cert.name} stored in IAM of account ${ctx.accountId} is valid until ${dateOf(cert.expiration)}`,
          evidence,
        );
  });
});
