// The account checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { accountContactDetailsCurrent } from './account_contact_details_current/account_contact_details_current.check';
import { accountSecurityContactRegistered } from './account_security_contact_registered/account_security_contact_registered.check';

export const accountChecks: readonly Check[] = [
  accountContactDetailsCurrent,
  accountSecurityContactRegistered,
];
