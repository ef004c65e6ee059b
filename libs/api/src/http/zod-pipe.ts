import { type ArgumentMetadata, HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { type ZodError, type ZodType } from 'zod';
import { type FieldError, ProblemException } from './problem';

interface ZodDtoClass {
  readonly isZodDto: true;
  readonly schema: ZodType;
}

function isZodDto(metatype: unknown): metatype is ZodDtoClass {
  return typeof metatype === 'function' && (metatype as Partial<ZodDtoClass>).isZodDto === true;
}

/** `body.regions.2: Invalid region` style field errors, one per zod issue. */
export function fieldErrors(error: ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    detail: issue.message,
  }));
}

/**
 * Validates every `createZodDto` parameter with its schema: a bad body is 422, a bad query or
 * path parameter 400, each naming every bad field. Values are replaced by the parsed ones
 * (defaults applied, strings coerced where the schema says so).
 */
@Injectable()
export class ZodProblemPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!isZodDto(metadata.metatype)) return value;
    const parsed = metadata.metatype.schema.safeParse(
      value ?? (metadata.type === 'body' ? undefined : {}),
    );
    if (parsed.success) return parsed.data;
    const where = metadata.type === 'custom' ? 'request' : metadata.type;
    const errors = fieldErrors(parsed.error, where);
    const status =
      metadata.type === 'body' ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
    const detail = errors.map((e) => `${e.field}: ${e.detail}`).join('; ');
    throw new ProblemException(status, 'validation', detail, errors);
  }
}
