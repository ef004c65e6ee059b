import { describeServiceProcess } from '@palisade/testing';

describeServiceProcess({ name: 'scanner', entry: 'apps/scanner/src/main.ts', database: false });
