import { accountStateOf } from './account-state';

describe('accountStateOf', () => {
  it('should take State when Organizations sends it', () => {
    expect(accountStateOf({ State: 'PENDING_CLOSURE', Status: 'ACTIVE' })).toBe('PENDING_CLOSURE');
  });

  it('should fall back to the deprecated Status when State is absent', () => {
    expect(accountStateOf({ Status: 'SUSPENDED' })).toBe('SUSPENDED');
  });

  it('should call an account with neither field or an unheard-of value UNKNOWN, never ACTIVE', () => {
    expect(accountStateOf({})).toBe('UNKNOWN');
    expect(accountStateOf({ State: 'HIBERNATING' })).toBe('UNKNOWN');
  });

  it.each(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED', 'PENDING_ACTIVATION'])(
    'should keep the documented state %s',
    (state) => {
      expect(accountStateOf({ State: state })).toBe(state);
    },
  );
});
