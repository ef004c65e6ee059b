// An account's state: `State` (the current field), else the deprecated `Status` (which AWS
// still sends, and older SDK responses or emulators may send alone).
import { ACCOUNT_STATES, type AccountState } from './organization-inventory';

const KNOWN = new Set<string>(ACCOUNT_STATES);

export function accountStateOf(account: { State?: string; Status?: string }): AccountState {
  const raw = account.State ?? account.Status;
  if (raw === undefined) return 'UNKNOWN';
  const upper = raw.toUpperCase();
  return KNOWN.has(upper) ? (upper as AccountState) : 'UNKNOWN';
}
