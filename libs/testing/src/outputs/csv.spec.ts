import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('should read CRLF records with or without the final CRLF', () => {
    const expected = [
      ['id', 'title'],
      ['1', 'first'],
      ['2', 'second'],
    ];
    expect(parseCsv('id,title\r\n1,first\r\n2,second\r\n')).toEqual(expected);
    expect(parseCsv('id,title\r\n1,first\r\n2,second')).toEqual(expected);
  });

  it('should read quoted fields holding commas, doubled quotes and line breaks', () => {
    const text =
      'id,description,note\r\n' +
      '1,"a, b and c","say ""hi"""\r\n' +
      '2,"line one\r\nline two\nline three",""\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'description', 'note'],
      ['1', 'a, b and c', 'say "hi"'],
      ['2', 'line one\r\nline two\nline three', ''],
    ]);
  });

  it('should keep empty fields, leading and trailing ones included', () => {
    expect(parseCsv(',a,\r\n,,\r\n"",x,""')).toEqual([
      ['', 'a', ''],
      ['', '', ''],
      ['', 'x', ''],
    ]);
  });

  it('should keep spaces and a byte-order mark as field content', () => {
    expect(parseCsv('\uFEFFid, name \r\n1, x ')).toEqual([
      ['\uFEFFid', ' name '],
      ['1', ' x '],
    ]);
  });

  it('should read no record from empty text and one empty field from a lone CRLF', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([['']]);
  });

  it('should read back any fields an RFC 4180 writer quotes', () => {
    // A fixed pseudo-random sequence: the same fields on every run.
    let seed = 7;
    const next = (below: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 16) % below;
    };
    const alphabet = ['a', 'Z', ' ', ',', '"', '\r', '\n', 'é', "'", '='];
    const field = () =>
      Array.from({ length: next(7) }, () => alphabet[next(alphabet.length)]).join('');
    const records = Array.from({ length: 300 }, () => Array.from({ length: 4 }, field));
    const quote = (value: string) =>
      /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    const text = records.map((record) => `${record.map(quote).join(',')}\r\n`).join('');

    expect(parseCsv(text)).toEqual(records);
  });

  it('should refuse a bare LF or CR between records, naming where', () => {
    expect(() => parseCsv('a,b\r\n1,2\n3,4\r\n')).toThrow(
      'CSV line 2, column 4: a bare LF ends a record: RFC 4180 records end with CRLF',
    );
    expect(() => parseCsv('a,b\r1,2')).toThrow('CSV line 1, column 4: a bare CR ends a record');
  });

  it('should refuse a quote inside an unquoted field', () => {
    expect(() => parseCsv('a,b\r\n1,say "hi"\r\n')).toThrow(
      'CSV line 2, column 7: a quote inside an unquoted field',
    );
  });

  it('should refuse text after a closing quote', () => {
    expect(() => parseCsv('a,b\r\n"1"x,2\r\n')).toThrow(
      'CSV line 2, column 4: a closing quote must be followed by a comma or the end of the record',
    );
  });

  it('should name where an unclosed quoted field opened, past its line breaks', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\nstill open\r\n')).toThrow(
      'CSV line 2, column 3: the quoted field opened here is never closed',
    );
  });

  it('should count lines inside quoted fields when naming a later error', () => {
    expect(() => parseCsv('a,b\r\n"x\r\ny\r\nz",1\r\n2,3\n')).toThrow(
      'CSV line 5, column 4: a bare LF',
    );
  });

  it('should refuse a record whose field count differs from the first', () => {
    expect(() => parseCsv('a,b,c\r\n1,2,3\r\n4,5\r\n')).toThrow(
      'CSV line 3: record 3 has 2 fields, the first record has 3',
    );
  });
});
