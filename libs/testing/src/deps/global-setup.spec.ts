import { parseEnvFile } from './global-setup';

describe('parseEnvFile', () => {
  it('should read KEY=value lines, with or without export and quotes, and skip the rest', () => {
    expect(
      parseEnvFile(
        [
          '# written by up.sh',
          'PALISADE_KAFKA_BROKERS=127.0.0.1:41234',
          "export PALISADE_PG_PORT='41235'",
          'PALISADE_MOTO_URL="http://127.0.0.1:41236"',
          'not a line',
          '',
        ].join('\n'),
      ),
    ).toEqual({
      PALISADE_KAFKA_BROKERS: '127.0.0.1:41234',
      PALISADE_PG_PORT: '41235',
      PALISADE_MOTO_URL: 'http://127.0.0.1:41236',
    });
  });
});
