// account.alternateContacts: the billing, operations and security alternate contacts; each one
// read on its own, so one unreadable type is that type's error, and an unset one is null.
import {
  AccountClient,
  type AlternateContact,
  GetAlternateContactCommand,
} from '@aws-sdk/client-account';
import { type AccountAlternateContact, type AlternateContactType } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function contactOf(c: AlternateContact): AccountAlternateContact {
  const contact: AccountAlternateContact = {};
  if (c.Name !== undefined) contact.name = c.Name;
  if (c.Title !== undefined) contact.title = c.Title;
  if (c.EmailAddress !== undefined) contact.emailAddress = c.EmailAddress;
  if (c.PhoneNumber !== undefined) contact.phoneNumber = c.PhoneNumber;
  return contact;
}

export const accountAlternateContactsCollector = defineCollector({
  key: 'account.alternateContacts',
  scope: 'global',
  operations: ['account:GetAlternateContact'],
  async collect(ctx) {
    const client = ctx.client(AccountClient, 'account');
    const read = (type: AlternateContactType) =>
      ctx.attempt(
        async () => {
          const { AlternateContact: c } = await client.send(
            new GetAlternateContactCommand({ AlternateContactType: type }),
          );
          return c === undefined ? null : contactOf(c);
        },
        { codes: ['ResourceNotFoundException'], value: null },
      );
    const [billing, operations, security] = await Promise.all([
      read('BILLING'),
      read('OPERATIONS'),
      read('SECURITY'),
    ]);
    return { BILLING: billing, OPERATIONS: operations, SECURITY: security };
  },
});
