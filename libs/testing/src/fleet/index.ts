export * from './fleet';
export * from './outcomes';
export * from './palisade-client';
