import { type IHeaders } from 'kafkajs';
import { type MessageHeaders } from '../core/types';

/** kafkajs headers (Buffers, repeated keys) as text; a repeated key keeps its last value. */
export function decodeHeaders(headers: IHeaders | undefined): MessageHeaders {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) {
      result[name] = last.toString();
    }
  }
  return result;
}
