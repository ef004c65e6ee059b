import { describeServiceProcess } from '@palisade/testing';

describeServiceProcess({
  name: 'normaliser',
  entry: 'apps/normaliser/src/main.ts',
  database: true,
});
