import { spawnSync } from 'node:child_process';
import { isAlive, judgeLock, lockHolder, parsePostmasterLock } from './postmaster-lock';

// What Postgres 15 writes: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
const LOCK = [
  '4242',
  '/var/tmp/palisade-root/postgres',
  '1767225600',
  '54321',
  '/var/tmp/palisade-root/postgres',
  '127.0.0.1',
  '  5432001    98304',
  'ready   ',
  '',
].join('\n');

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('parsePostmasterLock', () => {
  it('should read the pid and the port', () => {
    expect(parsePostmasterLock(LOCK)).toEqual({ pid: 4242, port: 54321 });
  });

  it('should keep the pid of a lock written before the port was', () => {
    expect(parsePostmasterLock('4242\n/var/tmp/pg\n')).toEqual({ pid: 4242, port: undefined });
  });

  it.each([
    ['empty', ''],
    ['not a pid', 'abc\n/var/tmp/pg\n'],
  ])('should give undefined for a lock that is %s', (_label, content) => {
    expect(parsePostmasterLock(content)).toBeUndefined();
  });
});

describe('judgeLock', () => {
  const lock = { pid: 4242, port: 54321 };

  it('should refuse a data dir a live Postgres serves, saying how to free it', () => {
    expect(judgeLock('/var/tmp/pg', lock, 'postgres')).toEqual({
      kind: 'in-use',
      message:
        'the data dir /var/tmp/pg is in use by a running Postgres (pid 4242, port 54321), most likely another palisade run: ' +
        'stop that run first (if a killed palisade left it behind: kill -INT 4242), or use another data dir',
    });
  });

  it('should leave a crashed server lock to Postgres, which checks its shared memory and recovers', () => {
    expect(judgeLock('/var/tmp/pg', lock, 'gone')).toEqual({
      kind: 'stale',
      note: 'the previous run did not stop cleanly (its server, pid 4242, is gone): Postgres recovers',
      remove: false,
    });
  });

  it('should remove a lock whose pid another program now has, which Postgres would refuse', () => {
    expect(judgeLock('/var/tmp/pg', lock, 'other')).toMatchObject({ kind: 'stale', remove: true });
  });
});

describe('lockHolder', () => {
  it('should tell a live process that is not Postgres (this one) from a gone one', async () => {
    expect(await lockHolder(process.pid, 'linux')).toBe('other');
    expect(await lockHolder(deadPid(), 'linux')).toBe('gone');
  });

  it('should assume a live pid is the server where /proc cannot say', async () => {
    expect(await lockHolder(process.pid, 'darwin')).toBe('postgres');
    expect(await lockHolder(deadPid(), 'darwin')).toBe('gone');
  });
});

describe('isAlive', () => {
  it('should tell a live pid from a gone one', () => {
    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(deadPid())).toBe(false);
  });
});
