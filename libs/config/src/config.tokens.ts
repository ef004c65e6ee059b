import { Inject } from '@nestjs/common';

/** The parsed, frozen config of the running app (the type depends on the app's schema). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The environment ConfigModule parses; override it in tests with a plain object. */
export const CONFIG_ENV = Symbol('CONFIG_ENV');

/**
 * `constructor(@InjectConfig() private readonly config: ApiConfig)`; a lib asks only for the
 * part it reads: `@InjectConfig() config: { readonly kafka: KafkaConfig }`.
 */
export function InjectConfig(): PropertyDecorator & ParameterDecorator {
  return Inject(APP_CONFIG);
}
