import { describeServiceProcess } from '@palisade/testing';

describeServiceProcess({ name: 'discovery', entry: 'apps/discovery/src/main.ts', database: true });
