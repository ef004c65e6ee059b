/**
 * Parses CSV as RFC 4180 defines it, strictly, for assertions on exported files: records end
 * with CRLF (the last one may omit it), fields are separated by commas, and a quoted field may
 * hold commas, line breaks and doubled quotes. Anything else is an error naming its line and
 * column rather than a guess: a bare LF or CR between records, a quote inside an unquoted field,
 * text after a closing quote, an unclosed quote, a record whose field count differs from the
 * first record's. A byte-order mark is kept (it belongs to the first field), so a test sees it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  if (text === '') return records;
  let record: string[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (message: string, at: number): never => {
    throw new Error(`CSV line ${line}, column ${at - lineStart + 1}: ${message}`);
  };
  const endRecord = () => {
    const expected = records[0]?.length ?? record.length;
    if (record.length !== expected) {
      throw new Error(
        `CSV line ${line}: record ${records.length + 1} has ${record.length} fields, ` +
          `the first record has ${expected}`,
      );
    }
    records.push(record);
    record = [];
  };

  for (;;) {
    if (text[i] === '"') {
      const openedLine = line;
      const openedColumn = i - lineStart + 1;
      let field = '';
      for (let from = i + 1; ;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          throw new Error(
            `CSV line ${openedLine}, column ${openedColumn}: the quoted field opened here is never closed`,
          );
        }
        const chunk = text.slice(from, close);
        for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', nl + 1)) {
          line++;
          lineStart = from + nl + 1;
        }
        field += chunk;
        if (text[close + 1] === '"') {
          field += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      record.push(field);
      if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        fail('a closing quote must be followed by a comma or the end of the record', i);
      }
    } else {
      let end = i;
      while (end < text.length && !',\r\n'.includes(text[end] as string)) {
        if (text[end] === '"') {
          fail('a quote inside an unquoted field (quote the whole field, double the quote)', end);
        }
        end++;
      }
      record.push(text.slice(i, end));
      i = end;
    }

    if (i >= text.length) {
      endRecord();
      return records;
    }
    if (text[i] === ',') {
      i++;
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
      line++;
      lineStart = i;
      if (i >= text.length) return records;
    } else {
      fail(
        `a bare ${text[i] === '\n' ? 'LF' : 'CR'} ends a record: RFC 4180 records end with CRLF`,
        i,
      );
    }
  }
}
