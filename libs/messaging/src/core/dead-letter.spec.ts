import { DLQ_HEADERS, deadLetterHeaders, deadLetterRecord } from './dead-letter';
import { errorCodeOf, reasonOf, TransientError } from './errors';

describe('deadLetterHeaders', () => {
  it('should keep the original headers and add the error and the source position', () => {
    const record = deadLetterRecord(
      {
        key: 'k1',
        value: Buffer.from('{"a":1}'),
        headers: { 'x-trace-id': 't1' },
        meta: {
          topic: 'src',
          partition: 2,
          offset: '41',
          key: 'k1',
          headers: { 'x-trace-id': 't1' },
          timestamp: '0',
        },
      },
      'src.dlq',
      { code: 'INVALID_MESSAGE', reason: 'bad' },
      new Date('2026-01-02T03:04:05.000Z'),
    );
    expect(record.value).toBe('{"a":1}');
    expect(deadLetterHeaders(record)).toEqual({
      'x-trace-id': 't1',
      [DLQ_HEADERS.errorCode]: 'INVALID_MESSAGE',
      [DLQ_HEADERS.errorReason]: 'bad',
      [DLQ_HEADERS.sourceTopic]: 'src',
      [DLQ_HEADERS.sourcePartition]: '2',
      [DLQ_HEADERS.sourceOffset]: '41',
      [DLQ_HEADERS.failedAt]: '2026-01-02T03:04:05.000Z',
    });
  });
});

describe('errorCodeOf / reasonOf', () => {
  it('should take the code of a coded error and HANDLER_FAILED otherwise', () => {
    expect(errorCodeOf(new TransientError('THROTTLED', 'x'))).toBe('THROTTLED');
    expect(errorCodeOf(new Error('x'))).toBe('HANDLER_FAILED');
    expect(errorCodeOf({ code: 42 })).toBe('HANDLER_FAILED');
    expect(errorCodeOf('text')).toBe('HANDLER_FAILED');
  });

  it('should make a one-line, bounded reason', () => {
    expect(reasonOf(new Error('a\n  b'))).toBe('a b');
    expect(reasonOf('x'.repeat(5000))).toHaveLength(1000);
  });
});
