// @palisade/cli: embedded mode — the `palisade` command composing the four services' libs in
// one process over the in-process transport and an embedded (or given) Postgres.
export { runCli } from './run-cli';
export { type CliIo } from './commands/cli-io';
export * from './embedded-db';
export { embeddedAppModule } from './runtime/embedded-app.module';
export { type EmbeddedRuntime, startEmbeddedRuntime } from './runtime/embedded-runtime';
export { OUTPUT_FILES, type WrittenOutput } from './output/write-outputs';
export * from './presentation';
