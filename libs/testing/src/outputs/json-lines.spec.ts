import { parseJsonLines } from './json-lines';

describe('parseJsonLines', () => {
  it('should parse one value per line, with or without the last newline', () => {
    const expected = [{ id: 1, tags: ['a'] }, 'two', 3, null];
    expect(parseJsonLines('{"id":1,"tags":["a"]}\n"two"\n3\nnull\n')).toEqual(expected);
    expect(parseJsonLines('{"id":1,"tags":["a"]}\n"two"\n3\nnull')).toEqual(expected);
  });

  it('should accept CRLF line ends and read no value from empty text', () => {
    expect(parseJsonLines('{"a":1}\r\n{"b":2}\r\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseJsonLines('')).toEqual([]);
  });

  it('should name the line that is not JSON', () => {
    expect(() => parseJsonLines('{"a":1}\n{"b":2}\n{"c":\n{"d":4}\n')).toThrow(
      /^JSON Lines line 3 is not JSON \(.+\): \{"c":$/,
    );
  });

  it('should refuse a value spread over several lines, naming the first', () => {
    expect(() => parseJsonLines('{"a":1}\n{\n  "b": 2\n}\n')).toThrow(
      /^JSON Lines line 2 is not JSON/,
    );
  });

  it('should name a blank line, even the last one', () => {
    expect(() => parseJsonLines('{"a":1}\n\n{"b":2}\n')).toThrow('JSON Lines line 2 is blank');
    expect(() => parseJsonLines('{"a":1}\n\n')).toThrow('JSON Lines line 2 is blank');
  });

  it('should show only the start of a long bad line', () => {
    const long = `{"text":"${'x'.repeat(200)}"`;
    expect(() => parseJsonLines(`${long}\n`)).toThrow(`: ${long.slice(0, 80)}…`);
  });
});
