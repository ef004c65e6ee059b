import {
  canEnter,
  defaultDataDir,
  type DirFacts,
  parentsOf,
  parseIdOutput,
  ROOT_DATA_DIR,
  rootDataDirAction,
  rootDataDirProblem,
  type ServerUser,
  socketPathProblem,
} from './data-dir';

const postgres: ServerUser = { uid: 101, gid: 104, groups: [104, 103] };

function dir(path: string, mode: number, uid = 0, gid = 0): DirFacts {
  return { path, mode: 0o040000 | mode, uid, gid };
}

const systemParents = [dir('/', 0o755), dir('/var', 0o755), dir('/var/tmp', 0o1777)];

describe('defaultDataDir', () => {
  const home = '/home/ada';

  it('should use /var/tmp/palisade-root/postgres for root, whatever XDG_DATA_HOME says', () => {
    expect(defaultDataDir({ uid: 0, home: '/root', env: { XDG_DATA_HOME: '/root/.data' } })).toBe(
      ROOT_DATA_DIR,
    );
    expect(ROOT_DATA_DIR).toBe('/var/tmp/palisade-root/postgres');
  });

  it('should follow an absolute XDG_DATA_HOME for a user', () => {
    expect(defaultDataDir({ uid: 1000, home, env: { XDG_DATA_HOME: '/data/ada' } })).toBe(
      '/data/ada/palisade/postgres',
    );
  });

  it.each([
    ['unset', {}],
    ['empty', { XDG_DATA_HOME: '' }],
    ['relative (the XDG spec says to ignore it)', { XDG_DATA_HOME: 'data' }],
  ])('should use ~/.local/share when XDG_DATA_HOME is %s', (_label, env) => {
    expect(defaultDataDir({ uid: 1000, home, env })).toBe(
      '/home/ada/.local/share/palisade/postgres',
    );
  });

  it('should treat a platform without uids as a user', () => {
    expect(defaultDataDir({ uid: undefined, home, env: {} })).toBe(
      '/home/ada/.local/share/palisade/postgres',
    );
  });
});

describe('parentsOf', () => {
  it('should list the directories above a path, outermost first', () => {
    expect(parentsOf('/var/tmp/palisade-root/postgres')).toEqual([
      '/',
      '/var',
      '/var/tmp',
      '/var/tmp/palisade-root',
    ]);
  });

  it('should normalise the path first', () => {
    expect(parentsOf('/var//tmp/./x/../pg/')).toEqual(['/', '/var', '/var/tmp']);
    expect(parentsOf('/pg')).toEqual(['/']);
  });
});

describe('parseIdOutput', () => {
  it.each([
    [
      'GNU coreutils',
      'uid=101(postgres) gid=104(postgres) groups=104(postgres),103(ssl-cert)\n',
      { uid: 101, gid: 104, groups: [104, 103] },
    ],
    [
      'busybox',
      'uid=70(postgres) gid=70(postgres) groups=70(postgres)',
      { uid: 70, gid: 70, groups: [70] },
    ],
    ['no groups list', 'uid=70 gid=71', { uid: 70, gid: 71, groups: [71] }],
  ])('should read the ids from %s output', (_label, output, user) => {
    expect(parseIdOutput(output)).toEqual(user);
  });

  it('should give undefined for output without ids', () => {
    expect(parseIdOutput('id: ‘postgres’: no such user')).toBeUndefined();
  });
});

describe('canEnter', () => {
  it('should apply the owner bits to the owner, even when others may enter', () => {
    expect(canEnter(dir('/d', 0o601, 101), postgres)).toBe(false);
    expect(canEnter(dir('/d', 0o700, 101), postgres)).toBe(true);
  });

  it('should apply the group bits to a member of any of its groups', () => {
    expect(canEnter(dir('/d', 0o710, 0, 103), postgres)).toBe(true);
    expect(canEnter(dir('/d', 0o701, 0, 103), postgres)).toBe(false);
  });

  it('should apply the bits for others otherwise', () => {
    expect(canEnter(dir('/d', 0o711), postgres)).toBe(true);
    expect(canEnter(dir('/root', 0o700), postgres)).toBe(false);
  });

  it('should apply only the bits for others to a user yet to be created', () => {
    expect(canEnter(dir('/d', 0o771, 0, 104), undefined)).toBe(true);
    expect(canEnter(dir('/d', 0o770, 0, 104), undefined)).toBe(false);
  });
});

describe('rootDataDirProblem', () => {
  it('should accept the default dir, whether or not its parent exists yet', () => {
    expect(rootDataDirProblem(ROOT_DATA_DIR, systemParents, postgres)).toBeUndefined();
    expect(
      rootDataDirProblem(
        ROOT_DATA_DIR,
        [...systemParents, dir('/var/tmp/palisade-root', 0o755)],
        postgres,
      ),
    ).toBeUndefined();
  });

  it('should accept a dir directly under /tmp (sticky, world-writable)', () => {
    expect(
      rootDataDirProblem('/tmp/palisade-x', [dir('/', 0o755), dir('/tmp', 0o1777)], postgres),
    ).toBeUndefined();
  });

  it('should say which parent the postgres user cannot enter, why it matters and what to use', () => {
    expect(
      rootDataDirProblem(
        '/root/palisade/postgres',
        [dir('/', 0o755), dir('/root', 0o700), dir('/root/palisade', 0o755)],
        postgres,
      ),
    ).toBe(
      'the postgres user cannot enter /root (mode 0700, owner uid 0), which holds the data dir /root/palisade/postgres: ' +
        'Postgres refuses to run as root, so palisade runs it as postgres; ' +
        'use a data dir whose every parent it can enter, such as /var/tmp/palisade-root/postgres',
    );
  });

  it('should refuse a parent another user owns or may write, which could swap the dir', () => {
    const pg = '/var/tmp/palisade-root/postgres';
    expect(
      rootDataDirProblem(
        pg,
        [...systemParents, dir('/var/tmp/palisade-root', 0o755, 1000)],
        postgres,
      ),
    ).toBe(
      'palisade will not hand /var/tmp/palisade-root/postgres to the postgres user: ' +
        'its parent /var/tmp/palisade-root (mode 0755, owner uid 1000) can be changed by another user, ' +
        'who could swap postgres for a directory of theirs; use a data dir whose parent only root can change',
    );
    expect(
      rootDataDirProblem(pg, [...systemParents, dir('/var/tmp/palisade-root', 0o777)], postgres),
    ).toMatch(/^palisade will not hand/);
    expect(
      rootDataDirProblem(pg, [...systemParents, dir('/var/tmp/palisade-root', 0o775)], postgres),
    ).toMatch(/^palisade will not hand/);
  });

  it('should accept a parent the postgres user owns', () => {
    expect(
      rootDataDirProblem(
        '/srv/pg/data',
        [dir('/', 0o755), dir('/srv', 0o755), dir('/srv/pg', 0o700, 101, 104)],
        postgres,
      ),
    ).toBeUndefined();
  });
});

describe('rootDataDirAction', () => {
  const fresh = { ...dir('/d/pg', 0o700), empty: true };

  it('should hand a fresh root-owned dir to postgres, and keep one postgres owns', () => {
    expect(rootDataDirAction('/d/pg', fresh, postgres)).toEqual({ kind: 'hand-over' });
    expect(rootDataDirAction('/d/pg', fresh, undefined)).toEqual({ kind: 'hand-over' });
    expect(
      rootDataDirAction('/d/pg', { ...dir('/d/pg', 0o700, 101), empty: false }, postgres),
    ).toEqual({ kind: 'ready' });
  });

  it('should refuse a dir someone else owns, or root-owned content', () => {
    expect(
      rootDataDirAction('/d/pg', { ...dir('/d/pg', 0o700, 1000), empty: true }, postgres),
    ).toEqual({
      kind: 'refuse',
      reason:
        'the data dir /d/pg is owned by uid 1000, but the server runs as the postgres user; ' +
        'use a new directory, or one the postgres user owns',
    });
    expect(rootDataDirAction('/d/pg', { ...fresh, empty: false }, postgres)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('owned by root, and not empty') as unknown,
    });
  });
});

describe('socketPathProblem', () => {
  it('should accept a path whose socket fits in sockaddr_un', () => {
    expect(socketPathProblem(ROOT_DATA_DIR, 'linux')).toBeUndefined();
  });

  it('should refuse, naming the limit, a path one byte too long for the platform', () => {
    // `/.s.PGSQL.65535` is 15 bytes.
    const linuxMax = `/${'d'.repeat(91)}`;
    expect(socketPathProblem(linuxMax, 'linux')).toBeUndefined();
    expect(socketPathProblem(`${linuxMax}x`, 'linux')).toBe(
      `the data dir path ${linuxMax}x is too long for the Postgres socket inside it ` +
        "(108 bytes with the socket's name; at most 107): use a shorter data dir",
    );
    expect(socketPathProblem(linuxMax, 'darwin')).toMatch(/\(107 bytes .* at most 103\)/);
  });
});
