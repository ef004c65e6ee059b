import {
  ConnectionTimeoutError,
  sourceIdentityOf,
  summarise,
  withTimeout,
} from './connection-test';

describe('summarise', () => {
  it('should count the roles tested, the working ones and the failures per code', () => {
    const base = { role: 'member' as const, roleArn: 'arn', durationMs: 1 };
    expect(
      summarise([
        { ...base, accountId: '111111111111', ok: true },
        { ...base, accountId: '222222222222', ok: false, code: 'ASSUME_ROLE_DENIED' },
        { ...base, accountId: '333333333333', ok: false, code: 'ASSUME_ROLE_DENIED' },
        { ...base, accountId: '444444444444', ok: false, code: 'TIMEOUT' },
      ]),
    ).toEqual({ tested: 4, ok: 1, failed: 3, byCode: { ASSUME_ROLE_DENIED: 2, TIMEOUT: 1 } });
  });
});

describe('withTimeout', () => {
  it('should give the work’s result when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000)).resolves.toBe(7);
  });

  it('should reject with a ConnectionTimeoutError when the work is late', async () => {
    const never = new Promise<number>(() => undefined);
    await expect(withTimeout(never, 10)).rejects.toBeInstanceOf(ConnectionTimeoutError);
  });

  it('should pass the work’s own failure through', async () => {
    await expect(withTimeout(Promise.reject(new Error('denied')), 1_000)).rejects.toThrow('denied');
  });
});

describe('sourceIdentityOf', () => {
  it('should name the tenant within the palisade-* the roles’ trust allows, under 64 chars', () => {
    const identity = sourceIdentityOf('0b8a3c1e-2f4d-4e6a-9b1c-3d5e7f9a1b2c');
    expect(identity).toBe('palisade-0b8a3c1e2f4d4e6a');
    expect(identity).toMatch(/^palisade-[\w+=,.@-]{1,55}$/);
  });
});
