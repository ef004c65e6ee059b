import { EXTERNAL_ID_PATTERN, generateExternalId, isExternalId } from './external-id';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('generateExternalId', () => {
  it('should be at least 32 URL-safe characters, valid as an STS ExternalId', () => {
    for (let i = 0; i < 200; i++) {
      const id = generateExternalId();
      expect(id.length).toBeGreaterThanOrEqual(32);
      expect(id).toHaveLength(43);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(id).toMatch(/^[\w+=,.@:/-]{2,1224}$/); // what STS accepts
      expect(encodeURIComponent(id)).toBe(id);
      expect(isExternalId(id)).toBe(true);
    }
  });

  it('should never repeat itself', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => generateExternalId()));
    expect(ids.size).toBe(10_000);
  });

  it('should carry about 6 bits per character: every base64url symbol, evenly spread', () => {
    // 42 full characters per id (the 43rd holds the last 4 of the 256 bits).
    const counts = new Map<string, number>();
    const ids = 2_000;
    for (let i = 0; i < ids; i++) {
      for (const char of generateExternalId().slice(0, 42)) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
      }
    }
    const total = ids * 42;
    expect([...counts.keys()].sort()).toEqual([...BASE64URL].sort());
    const expected = total / 64;
    for (const count of counts.values()) {
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.2);
    }
    const entropy = [...counts.values()].reduce((sum, count) => {
      const p = count / total;
      return sum - p * Math.log2(p);
    }, 0);
    expect(entropy).toBeGreaterThan(5.99);
  });
});

describe('isExternalId', () => {
  it.each([
    ['too short', 'a'.repeat(31)],
    ['with a space', `${'a'.repeat(32)} `],
    ['with a quote', `${'a'.repeat(32)}'`],
    ['not a string', 42],
  ])('should reject a value %s', (_label, value) => {
    expect(isExternalId(value)).toBe(false);
  });

  it('should match the tenant_settings check constraint pattern', () => {
    expect(EXTERNAL_ID_PATTERN.source).toBe('^[A-Za-z0-9_-]{32,1224}$');
  });
});
