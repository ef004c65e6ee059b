import { SLUG_PATTERN, slugFromName } from './slug';

describe('slugFromName', () => {
  it('should lower-case the name and join its words with single hyphens', () => {
    expect(slugFromName('  ACME Corp. — EU / Prod  ')).toBe('acme-corp-eu-prod');
  });

  it('should drop accents rather than the accented letters', () => {
    expect(slugFromName('Société Générale Ørsted')).toBe('societe-generale-rsted');
  });

  it('should cut a long name to 63 characters without a trailing hyphen', () => {
    const slug = slugFromName(`${'a'.repeat(62)} b`);
    expect(slug).toBe('a'.repeat(62));
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('should give null when nothing usable is left of the name', () => {
    expect(slugFromName('---')).toBeNull();
    expect(slugFromName('株式会社')).toBeNull();
  });
});
