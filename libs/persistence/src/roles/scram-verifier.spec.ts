import { createHash, createHmac } from 'node:crypto';
import { thrown } from '../testing/thrown';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { scramSha256Verifier } from './scram-verifier';

// node-postgres' own SCRAM client: an independent implementation to check the verifier against.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sasl = require('pg/lib/crypto/sasl') as {
  startSession(mechanisms: string[]): { clientNonce: string; response: string };
  continueSession(session: object, password: string, serverData: string): Promise<void>;
  finalizeSession(session: object, serverData: string): void;
};

function parseVerifier(verifier: string) {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!match) throw new Error(`not a verifier: ${verifier}`);
  const [, iterations, salt, storedKey, serverKey] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    iterations,
    salt,
    storedKey: Buffer.from(storedKey, 'base64'),
    serverKey: Buffer.from(serverKey, 'base64'),
  };
}

describe('scramSha256Verifier', () => {
  const password = 'correct-horse-battery-staple';

  it('should let a SCRAM client holding the password authenticate against it, as Postgres would', async () => {
    const verifier = parseVerifier(scramSha256Verifier(password));
    const session = sasl.startSession(['SCRAM-SHA-256']);
    const serverNonce = `${session.clientNonce}server-part`;
    const serverFirst = `r=${serverNonce},s=${verifier.salt},i=${verifier.iterations}`;
    await sasl.continueSession(session, password, serverFirst);

    const clientFinal = session.response;
    const [withoutProof, proof] = clientFinal.split(',p=') as [string, string];
    const authMessage = `n=*,r=${session.clientNonce},${serverFirst},${withoutProof}`;
    const clientSignature = createHmac('sha256', verifier.storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof, 'base64').map(
      (byte, i) => byte ^ (clientSignature[i] ?? 0),
    );
    expect(createHash('sha256').update(clientKey).digest().equals(verifier.storedKey)).toBe(true);

    const serverSignature = createHmac('sha256', verifier.serverKey)
      .update(authMessage)
      .digest('base64');
    expect(() => sasl.finalizeSession(session, `v=${serverSignature}`)).not.toThrow();
  });

  it('should refuse a client holding another password', async () => {
    const verifier = parseVerifier(scramSha256Verifier(password));
    const session = sasl.startSession(['SCRAM-SHA-256']);
    const serverFirst = `r=${session.clientNonce}x,s=${verifier.salt},i=${verifier.iterations}`;
    await sasl.continueSession(session, 'wrong-password-but-long', serverFirst);
    const [withoutProof, proof] = session.response.split(',p=') as [string, string];
    const authMessage = `n=*,r=${session.clientNonce},${serverFirst},${withoutProof}`;
    const clientSignature = createHmac('sha256', verifier.storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof, 'base64').map(
      (byte, i) => byte ^ (clientSignature[i] ?? 0),
    );
    expect(createHash('sha256').update(clientKey).digest().equals(verifier.storedKey)).toBe(false);
  });

  it('should use a fresh salt each time', () => {
    expect(scramSha256Verifier(password)).not.toBe(scramSha256Verifier(password));
  });

  it.each([
    ['too short', 'short'],
    ['non-ASCII', 'pässwörd-pässwörd-pässwörd'],
    ['a quote and a newline', "abcdefghijklmnop'\n"],
  ])('should reject a password that is %s', (_label, bad) => {
    expect(thrown(() => scramSha256Verifier(bad))).toMatchObject({
      code: PersistenceErrorCode.INVALID_ROLE_PASSWORD,
    });
  });
});
