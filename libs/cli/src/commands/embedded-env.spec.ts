import { embeddedEnv } from './embedded-env';

describe('embeddedEnv', () => {
  it("should keep the user's AWS settings and put embedded mode's own on top", () => {
    const env = embeddedEnv(
      {
        AWS_PROFILE: 'dev',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
        TRANSPORT: 'kafka',
        DATABASE_URL: 'x',
      },
      { databaseUrl: 'postgres://app@127.0.0.1:5432/palisade', logFile: '/tmp/p.log' },
    );
    expect(env).toMatchObject({
      AWS_PROFILE: 'dev',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      TRANSPORT: 'in-process',
      DATABASE_URL: 'postgres://app@127.0.0.1:5432/palisade',
      LOG_FILE: '/tmp/p.log',
      LOG_LEVEL: 'info',
    });
    expect(env).not.toHaveProperty('OPERATOR_KEY');
    expect(env).not.toHaveProperty('PORT');
  });

  it('should listen where asked with the run’s operator key when serving', () => {
    expect(
      embeddedEnv(
        { LOG_LEVEL: 'debug' },
        {
          databaseUrl: 'postgres://a@h/d',
          logFile: '/tmp/p.log',
          operatorKey: 'pal_op_k',
          listen: { host: '127.0.0.1', port: 0 },
        },
      ),
    ).toMatchObject({ LOG_LEVEL: 'debug', OPERATOR_KEY: 'pal_op_k', HOST: '127.0.0.1', PORT: '0' });
  });
});
