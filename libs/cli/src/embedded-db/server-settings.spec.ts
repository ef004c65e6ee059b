import { Client } from 'pg';
import { initdbFlags, pickLocale, postgresFlags, socketUrl, tcpUrl } from './server-settings';

describe('pickLocale', () => {
  it.each([
    [['C', 'C.utf8', 'POSIX', 'en_US.utf8'], 'C.UTF-8'],
    [['C', 'C.UTF-8'], 'C.UTF-8'],
    [['C', 'POSIX', 'en_US.utf8'], 'C'],
    [[], 'C'],
  ])('should pick C.UTF-8 when installed, else C: %j', (available, locale) => {
    expect(pickLocale(available)).toBe(locale);
  });
});

describe('initdbFlags', () => {
  it('should trust the private socket and want a SCRAM password over TCP, in UTF-8', () => {
    expect(initdbFlags('C.UTF-8')).toEqual(
      expect.arrayContaining([
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
      ]),
    );
  });
});

describe('postgresFlags', () => {
  it('should listen on loopback only, with an owner-only socket in the data dir', () => {
    expect(postgresFlags('/var/tmp/palisade-root/postgres')).toEqual([
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories="/var/tmp/palisade-root/postgres"',
      '-c',
      'unix_socket_permissions=0700',
    ]);
  });

  it('should quote the data dir as one element of the list, even with a comma or a quote in it', () => {
    expect(postgresFlags('/data/a, "b"')).toContain('unix_socket_directories="/data/a, ""b"""');
  });
});

describe('connection URLs', () => {
  /** How node-postgres (hence TypeORM) reads a URL. */
  function connectionOf(url: string) {
    const { host, port, user, database, password } = new Client(url);
    return { host, port, user, database, password };
  }

  it('should point the owner at the socket directory, which node-postgres reads from host=', () => {
    expect(connectionOf(socketUrl('palisade_owner', '/tmp/my data/pg', 54321))).toMatchObject({
      host: '/tmp/my data/pg',
      port: 54321,
      user: 'palisade_owner',
      database: 'palisade',
    });
  });

  it('should point the app role at loopback TCP with its password', () => {
    expect(connectionOf(tcpUrl('palisade_app', 'pa/ss:w@rd', 54321))).toEqual({
      host: '127.0.0.1',
      port: 54321,
      user: 'palisade_app',
      password: 'pa/ss:w@rd',
      database: 'palisade',
    });
  });
});
