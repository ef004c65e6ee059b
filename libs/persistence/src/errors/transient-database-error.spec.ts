import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isTransientDatabaseError } from './transient-database-error';

function pgError(code: string, message = 'pg error'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientDatabaseError', () => {
  it.each([
    ['a refused connection', pgError('ECONNREFUSED')],
    ['an admin shutdown (server restart)', pgError('57P01')],
    ['a server not yet accepting connections', pgError('57P03')],
    ['a connection failure SQLSTATE', pgError('08006')],
    ['a serialization failure', pgError('40001')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    [
      'a TypeORM error wrapping a restart',
      Object.assign(new Error('query failed'), { driverError: pgError('57P01') }),
    ],
    // Seen when Postgres restarts mid-transaction: the rollback finds the connection gone.
    ['a transaction whose connection was released under it', new QueryRunnerAlreadyReleasedError()],
    ['a manager whose query runner was released', new QueryRunnerProviderAlreadyReleasedError()],
  ])('should call %s transient', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['an RLS refusal', pgError('42501')],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['not an error at all', 'nope'],
  ])('should call %s permanent', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
