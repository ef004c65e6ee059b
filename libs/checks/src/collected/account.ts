// Collected data of the AWS Account Management service (global: once per account). Read by the
// contact checks (CIS 2.2, 2.3).
import { type Outcome } from '../framework/outcome';

/** `account:GetContactInformation`: the account's primary contact (absent fields are undefined). */
export interface AccountContactInformation {
  fullName?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  stateOrRegion?: string;
  districtOrCounty?: string;
  postalCode?: string;
  countryCode?: string;
  phoneNumber?: string;
  websiteUrl?: string;
}

/** `account:GetAlternateContact` for one contact type. */
export interface AccountAlternateContact {
  name?: string;
  title?: string;
  emailAddress?: string;
  phoneNumber?: string;
}

export const ALTERNATE_CONTACT_TYPES = ['BILLING', 'OPERATIONS', 'SECURITY'] as const;
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];

export interface AccountGlobal {
  /** The primary contact, or null when the account has none (`ResourceNotFoundException`). */
  'account.contactInformation': AccountContactInformation | null;
  /** Each alternate contact type: the contact, null when not set, or the error reading it. */
  'account.alternateContacts': Record<
    AlternateContactType,
    Outcome<AccountAlternateContact | null>
  >;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the service has no regional data
export interface AccountRegional {}

/** The keys of AccountGlobal (the compiler keeps this list complete). */
export const ACCOUNT_GLOBAL_KEYS: Readonly<Record<keyof AccountGlobal, true>> = {
  'account.contactInformation': true,
  'account.alternateContacts': true,
};
