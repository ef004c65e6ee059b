import { createServer, connect, type Server } from 'node:net';
import { AssumeRoleFailedError } from '@palisade/aws';
import { CredentialsProviderError } from '@smithy/core/config';
import {
  CliError,
  EXIT_CODES,
  NoCredentialsError,
  RoleNotAssumableError,
  formatCliError,
} from './cli-errors';

const ROLE = 'arn:aws:iam::111122223333:role/PalisadeScanRole';
const CALLER = 'arn:aws:iam::999988887777:user/alice';
const DENIAL = `User: ${CALLER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;

/** An error as the SDK v3 raises it: the AWS code in `name`, the status in `$metadata`. */
function awsError(name: string, message: string, httpStatusCode = 403): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

function noCredentials(): Error {
  return new CredentialsProviderError('Could not load credentials from any providers', {
    tryNextLink: false,
  });
}

describe('formatCliError', () => {
  it('should print a CliError as its message and hint on one line', () => {
    expect(
      formatCliError(new CliError('OUTPUT', 'cannot write ./out', 'pick another --output')),
    ).toBe('palisade: cannot write ./out — pick another --output\n');
    expect(formatCliError(new CliError('X', 'no hint here'))).toBe('palisade: no hint here\n');
  });

  it('should tell a newcomer how to give credentials', () => {
    const line =
      'palisade: no AWS credentials found — set AWS_PROFILE or run `aws configure` (or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)\n';
    expect(formatCliError(new NoCredentialsError())).toBe(line);
    expect(formatCliError(noCredentials())).toBe(line);
    expect(formatCliError(new AssumeRoleFailedError(ROLE, 0, noCredentials()))).toBe(line);
    expect(formatCliError(new Error('scan failed', { cause: noCredentials() }))).toBe(line);
  });

  it('should name the role, the account and the caller when a role cannot be assumed', () => {
    const denied = new AssumeRoleFailedError(ROLE, 1, awsError('AccessDenied', DENIAL));
    expect(formatCliError(denied)).toBe(
      `palisade: cannot assume role ${ROLE} in 111122223333: AccessDenied — is the role deployed there, and does its trust policy allow ${CALLER}?\n`,
    );
  });

  it('should mention the external id when the scan sent one', () => {
    const denied = new AssumeRoleFailedError(ROLE, 0, awsError('AccessDenied', DENIAL));
    expect(formatCliError(denied, { withExternalId: true })).toMatch(
      /does its trust policy allow arn:aws:iam::999988887777:user\/alice with this external id\?\n$/,
    );
  });

  it('should explain a denial without a caller, and one the SDK raised unwrapped', () => {
    const anonymous = new AssumeRoleFailedError(ROLE, 0, awsError('AccessDenied', 'Access denied'));
    expect(formatCliError(anonymous)).toBe(
      `palisade: cannot assume role ${ROLE} in 111122223333: AccessDenied — is the role deployed there, and does its trust policy allow your credentials?\n`,
    );
    expect(formatCliError(awsError('AccessDenied', DENIAL))).toBe(
      formatCliError(new AssumeRoleFailedError(ROLE, 0, awsError('AccessDenied', DENIAL))),
    );
  });

  it('should let the lead throw the role error itself', () => {
    const error = new RoleNotAssumableError({
      roleArn: 'arn:aws-us-gov:iam::123456789012:role/Member',
      awsCode: 'AccessDenied',
      withExternalId: true,
    });
    expect(error.code).toBe('ROLE_NOT_ASSUMABLE');
    expect(formatCliError(error)).toBe(
      'palisade: cannot assume role arn:aws-us-gov:iam::123456789012:role/Member in 123456789012: AccessDenied — is the role deployed there, and does its trust policy allow your credentials with this external id?\n',
    );
  });

  it.each([
    [
      awsError('ExpiredToken', 'The security token included in the request is expired', 400),
      'palisade: the AWS credentials have expired (ExpiredToken) — refresh them (`aws sso login`, or new keys) and try again\n',
    ],
    [
      awsError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid',
        403,
      ),
      'palisade: AWS does not accept these credentials (InvalidClientTokenId) — check AWS_PROFILE or the access key in use, and that the region is enabled\n',
    ],
    [
      new Error(
        'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      'palisade: the AWS SSO session has expired — run `aws sso login` (with --profile if you use one) and try again\n',
    ],
    [
      awsError(
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
        400,
      ),
      'palisade: this account is not in an AWS Organization — scan listed accounts with --accounts instead of --org\n',
    ],
    [
      awsError(
        'AccessDeniedException',
        `User: ${CALLER} is not authorized to perform: organizations:ListAccounts`,
        400,
      ),
      'palisade: cannot read the organization: AccessDeniedException — run with the management account’s or a delegated administrator’s credentials, or pass --management-role-arn\n',
    ],
    [
      awsError('InternalFailure', 'We encountered an internal error.', 500),
      'palisade: InternalFailure: We encountered an internal error.\n',
    ],
  ])('should explain the AWS failure %#', (error, line) => {
    expect(formatCliError(error)).toBe(line);
  });

  it('should say when AWS cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), {
      code: 'ECONNREFUSED',
    });
    const error = Object.assign(new Error('socket hang up', { cause: refused }), {
      name: 'Error',
      $metadata: {},
    });
    expect(formatCliError(error)).toBe(
      'palisade: cannot reach AWS (socket hang up) — check the network, the proxy or AWS_ENDPOINT_URL\n',
    );
  });

  /** A port that was free a moment ago, and the server that held it (listening). */
  async function listening(): Promise<{ server: Server; port: number }> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, port: (server.address() as { port: number }).port };
  }

  it('should say a port is taken and how to pick another', async () => {
    const { server, port } = await listening();
    try {
      const second = createServer();
      const error = await new Promise<unknown>((resolve) => {
        second.once('error', resolve);
        second.listen(port, '127.0.0.1');
      });
      expect(formatCliError(error)).toBe(
        `palisade: port ${port} is already in use — pass --port with another one (--port 0 picks a free port)\n`,
      );
    } finally {
      server.close();
    }
  });

  it('should say a connection was refused', async () => {
    const { server, port } = await listening();
    await new Promise((resolve) => server.close(resolve));
    const error = await new Promise<unknown>((resolve) => {
      connect(port, '127.0.0.1').once('error', resolve);
    });
    expect(formatCliError(error)).toBe(
      `palisade: cannot connect to 127.0.0.1:${port} (connection refused) — is that server running?\n`,
    );
  });

  it.each([
    [
      { code: '28P01', message: 'password authentication failed for user "palisade"' },
      'palisade: the database refused the login (password authentication failed for user "palisade") — check the user and password of --database-url\n',
    ],
    [
      { code: '3D000', message: 'database "palisade" does not exist' },
      'palisade: database "palisade" does not exist — create the database, or fix its name in --database-url\n',
    ],
  ])('should explain the Postgres failure %#', (shape, line) => {
    expect(formatCliError(Object.assign(new Error(shape.message), { code: shape.code }))).toBe(
      line,
    );
  });

  it('should print anything else as its message on one line', () => {
    expect(formatCliError(new Error('boom\n  at somewhere'))).toBe('palisade: boom at somewhere\n');
    expect(formatCliError('plain string')).toBe('palisade: plain string\n');
    expect(formatCliError(new Error(''))).toBe('palisade: Error\n');
  });

  it('should cut a long message and strip control characters', () => {
    const line = formatCliError(new Error(`\u001b[31m${'x'.repeat(5000)}`));
    expect(line.length).toBeLessThan(450);
    expect(line).not.toContain('\u001b');
    expect(line.endsWith('…\n')).toBe(true);
  });

  it('should never print the password of a URL', () => {
    const line = formatCliError(
      new Error('cannot open postgres://scanner:s3cr%40t@db.internal:5432/palisade: timeout'),
    );
    expect(line).toBe(
      'palisade: cannot open postgres://scanner:***@db.internal:5432/palisade: timeout\n',
    );
  });

  it('should not hang on an error that is its own cause', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(formatCliError(error)).toBe('palisade: loop\n');
  });
});

describe('EXIT_CODES', () => {
  it('should keep the exit codes of the CLI contract', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, failOn: 1, usage: 2, runtime: 3 });
  });
});
