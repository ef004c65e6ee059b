// iam.serverCertificates: the SSL/TLS server certificates stored in IAM, with their expiry.
import { IAMClient, paginateListServerCertificates } from '@aws-sdk/client-iam';
import { type IamServerCertificate } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { isoOf } from './iam-shared';

export const iamServerCertificatesCollector = defineCollector({
  key: 'iam.serverCertificates',
  scope: 'global',
  operations: ['iam:ListServerCertificates'],
  async collect(ctx) {
    const client = ctx.client(IAMClient, 'iam');
    const certificates: IamServerCertificate[] = [];
    for await (const page of paginateListServerCertificates({ client }, {})) {
      for (const c of page.ServerCertificateMetadataList ?? []) {
        if (c.Arn === undefined) continue;
        certificates.push({
          name: c.ServerCertificateName ?? '',
          arn: c.Arn,
          id: c.ServerCertificateId ?? '',
          path: c.Path ?? '/',
          uploadDate: isoOf(c.UploadDate),
          expiration: isoOf(c.Expiration),
        });
      }
    }
    return certificates;
  },
});
