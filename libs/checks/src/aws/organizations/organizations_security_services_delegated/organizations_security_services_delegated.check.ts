import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { organizationArn, organizationOf } from '../organization';
import { metadata } from './organizations_security_services_delegated.metadata';
import { SECURITY_SERVICES } from './security-services';

export const organizationsSecurityServicesDelegated = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const access = collected.global('organizations.serviceAccess');
  if (!access.ok) return [];
  const org = organizationOf(ctx);
  const trusted = new Set(access.data.map((s) => s.servicePrincipal));
  return SECURITY_SERVICES.flatMap((service) => {
    const trustedAccess = service.principals.filter((p) => trusted.has(p));
    const admins = org.delegatedAdministrators
      .filter((d) => service.principals.some((p) => d.servicePrincipals.includes(p)))
      .map((d) => d.accountId)
      .sort();
    if (trustedAccess.length === 0 && admins.length === 0) return [];
    const delegated = admins.filter((a) => a !== org.managementAccountId);
    const uid = `${organizationArn(ctx, org)}/service/${service.principals[0]}`;
    const evidence = {
      service: service.name,
      servicePrincipals: [...service.principals],
      trustedAccess,
      delegatedAdministrators: admins,
    };
    const where = `in organization ${org.organizationId}`;
    return [
      delegated.length > 0
        ? results.pass(
            uid,
            `${service.name} ${where} is administered from delegated member account${delegated.length === 1 ? '' : 's'} ${delegated.join(', ')}`,
            evidence,
          )
        : results.fail(
            uid,
            `${service.name} has trusted access ${where} but no delegated administrator: it is administered from management account ${org.managementAccountId}`,
            evidence,
          ),
    ];
  });
});
