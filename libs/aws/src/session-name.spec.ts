import { sanitizeStsName, sessionNameFor } from './session-name';

const VALID = /^[\w+=,.@-]{2,64}$/;

describe('sessionNameFor', () => {
  it('should name the session palisade-<scanId>', () => {
    expect(sessionNameFor('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(
      'palisade-0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });

  it('should cut a long scan id to 64 characters', () => {
    const name = sessionNameFor('x'.repeat(100));
    expect(name).toHaveLength(64);
    expect(name.startsWith('palisade-xxx')).toBe(true);
  });
});

describe('sanitizeStsName', () => {
  it.each([
    ['scan/with spaces:and*stars', 'scan-with-spaces-and-stars'],
    ['ok+=,.@-_chars', 'ok+=,.@-_chars'],
    ['a', 'a-'],
    ['', '--'],
    ['é', '--'],
    ['aws:reserved', 'aws-reserved'],
  ])('should turn %j into %j', (raw, expected) => {
    expect(sanitizeStsName(raw)).toBe(expected);
  });

  it('should always produce 2–64 characters STS accepts', () => {
    for (const raw of ['', 'a', 'ü'.repeat(80), 'palisade-' + 'é/'.repeat(40), '\n\t']) {
      expect(sanitizeStsName(raw)).toMatch(VALID);
    }
  });
});
