import { describeServiceProcess } from '@palisade/testing';

describeServiceProcess({ name: 'api', entry: 'apps/api/src/main.ts', database: true });
