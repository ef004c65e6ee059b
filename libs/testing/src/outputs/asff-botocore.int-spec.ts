import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAsffWithBotocore } from './asff-botocore';

/** The least BatchImportFindings accepts: the members botocore's model requires. */
function finding(index = 0): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: `palisade/111122223333/eu-west-1/iam_root_mfa_enabled/${index}`,
    ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
    GeneratorId: 'palisade/iam_root_mfa_enabled',
    AwsAccountId: '111122223333',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    CreatedAt: '2026-01-01T00:00:00.000Z',
    UpdatedAt: '2026-01-01T00:00:00.000Z',
    Severity: { Label: 'CRITICAL', Original: 'critical' },
    Title: 'Root account has no MFA',
    Description: 'The root user can sign in without a second factor.',
    Resources: [{ Type: 'AwsAccount', Id: 'AWS::::Account:111122223333' }],
  };
}

describe('validateAsffWithBotocore', () => {
  it('should accept a minimal valid finding in one request', async () => {
    await expect(validateAsffWithBotocore([finding()])).resolves.toEqual({
      valid: true,
      errors: [],
      batches: 1,
    });
  });

  it('should name a missing required member, a wrong type and an unknown member', async () => {
    const { AwsAccountId: _omitted, ...withoutAccount } = finding(0);
    const wrongTypes = {
      ...finding(1),
      AwsAccountId: 111122223333,
      Severity: { Label: 'CRITICAL', Normalized: '90' },
    };
    const unknown = { ...finding(2), AccountId: '111122223333' };

    const result = await validateAsffWithBotocore([withoutAccount, wrongTypes, unknown]);

    expect(result.valid).toBe(false);
    expect(result.batches).toBe(1);
    // In the findings' order, as botocore walks the list.
    expect(result.errors).toEqual([
      'request 1 of 1 (findings 0-2): Missing required parameter in Findings[0]: "AwsAccountId"',
      "request 1 of 1 (findings 0-2): Invalid type for parameter Findings[1].AwsAccountId, value: 111122223333, type: <class 'int'>, valid types: <class 'str'>",
      "request 1 of 1 (findings 0-2): Invalid type for parameter Findings[1].Severity.Normalized, value: 90, type: <class 'str'>, valid types: <class 'int'>",
      expect.stringMatching(
        /^request 1 of 1 \(findings 0-2\): Unknown parameter in Findings\[2\]: "AccountId", must be one of: SchemaVersion, /,
      ),
    ]);
  });

  it('should split findings into requests of 100 and name the request and finding at fault', async () => {
    const findings = Array.from({ length: 250 }, (_, index) => finding(index));
    findings[230] = { ...finding(230), Resources: [{ Type: 'AwsAccount' }] };

    const result = await validateAsffWithBotocore(findings);

    expect(result).toEqual({
      valid: false,
      batches: 3,
      errors: [
        'request 3 of 3 (findings 200-249): Missing required parameter in Findings[230].Resources[0]: "Id"',
      ],
    });
  });

  it('should refuse a limit Security Hub enforces and botocore does not, naming the finding in the whole array', async () => {
    const findings = Array.from({ length: 101 }, (_, index) => finding(index));
    findings[100] = { ...finding(100), Title: 't'.repeat(257) };

    const result = await validateAsffWithBotocore(findings);

    expect(result).toEqual({
      valid: false,
      batches: 2,
      errors: [
        'request 2 of 2 (findings 100-100): Findings[100].Title: 257 characters, at most 256',
      ],
    });
  });

  it('should accept no findings: there is no request to make', async () => {
    await expect(validateAsffWithBotocore([])).resolves.toEqual({
      valid: true,
      errors: [],
      batches: 0,
    });
  });

  describe('without the moto venv', () => {
    const saved = process.env['PALISADE_TOOLS_DIR'];
    let emptyCache: string;

    beforeEach(() => {
      emptyCache = mkdtempSync(join(tmpdir(), 'palisade-empty-cache-'));
      process.env['PALISADE_TOOLS_DIR'] = emptyCache;
    });

    afterEach(() => {
      if (saved === undefined) delete process.env['PALISADE_TOOLS_DIR'];
      else process.env['PALISADE_TOOLS_DIR'] = saved;
      rmSync(emptyCache, { recursive: true, force: true });
    });

    it('should fail saying how to install it', async () => {
      await expect(validateAsffWithBotocore([finding()])).rejects.toThrow(
        /venv\/moto-[\d.]+\/bin\/python is missing: .*run `bash scripts\/deps\/moto\.sh start`/,
      );
    });
  });
});
