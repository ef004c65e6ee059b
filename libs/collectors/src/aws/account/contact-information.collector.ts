// account.contactInformation: the account's primary contact (Account Management API).
import {
  AccountClient,
  type ContactInformation,
  GetContactInformationCommand,
} from '@aws-sdk/client-account';
import { type AccountContactInformation } from '@palisade/checks';
import { hasAwsCode } from '../../framework/aws-error';
import { defineCollector } from '../../framework/collector';

const FIELDS: readonly [keyof ContactInformation, keyof AccountContactInformation][] = [
  ['FullName', 'fullName'],
  ['CompanyName', 'companyName'],
  ['AddressLine1', 'addressLine1'],
  ['AddressLine2', 'addressLine2'],
  ['AddressLine3', 'addressLine3'],
  ['City', 'city'],
  ['StateOrRegion', 'stateOrRegion'],
  ['DistrictOrCounty', 'districtOrCounty'],
  ['PostalCode', 'postalCode'],
  ['CountryCode', 'countryCode'],
  ['PhoneNumber', 'phoneNumber'],
  ['WebsiteUrl', 'websiteUrl'],
];

export const accountContactInformationCollector = defineCollector({
  key: 'account.contactInformation',
  scope: 'global',
  operations: ['account:GetContactInformation'],
  async collect(ctx) {
    const client = ctx.client(AccountClient, 'account');
    try {
      const { ContactInformation: info } = await client.send(new GetContactInformationCommand({}));
      if (info === undefined) return null;
      const contact: AccountContactInformation = {};
      for (const [from, to] of FIELDS) {
        const value = info[from];
        if (typeof value === 'string') contact[to] = value;
      }
      return contact;
    } catch (err) {
      if (hasAwsCode(err, ['ResourceNotFoundException'])) return null;
      throw err;
    }
  },
});
