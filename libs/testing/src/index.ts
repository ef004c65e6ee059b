export * from './aws-proxy';
export * from './aws-seed';
export * from './process/service-process';
export * from './process/describe-service-process';
export * from './nest/config-refusal';
export * from './deps/deps-env';
export * from './collectors/collector-harness';
