// The committed schemas reject what OCSF 1.8.0 rejects: the mapper specs' validation is real.
import { mapCheckResult } from '../mapping/check-result';
import { mapInspectorFinding } from '../mapping/inspector-finding';
import { ctx, imdsResult, IMDSV2, lifecycle, packageFinding } from '../mapping/test/fixtures';
import { OCSF_SCHEMAS, ocsfErrors } from './test/ocsf-validator';

type Doc = Record<string, unknown> & {
  finding_info: Record<string, unknown>;
  cloud: Record<string, unknown>;
  vulnerabilities: Record<string, unknown>[];
};

/** A valid document as stored (plain JSON), for the tests to break. */
function complianceDoc(): Doc {
  const doc = mapCheckResult(imdsResult(), IMDSV2, ctx, 'd'.repeat(64), lifecycle());
  return JSON.parse(JSON.stringify(doc)) as Doc;
}

function vulnerabilityDoc(): Doc {
  const doc = mapInspectorFinding(packageFinding(), ctx, 'e'.repeat(64), lifecycle());
  return JSON.parse(JSON.stringify(doc)) as Doc;
}

describe('the compiled OCSF 1.8.0 schemas', () => {
  it('accept the mappers documents', () => {
    expect(ocsfErrors('compliance', complianceDoc())).toEqual([]);
    expect(ocsfErrors('vulnerability', vulnerabilityDoc())).toEqual([]);
  });

  it('reject a misspelled attribute, at the top and in an object', () => {
    const top = { ...complianceDoc(), severty_id: 4 };
    const nested = complianceDoc();
    nested.finding_info = { ...nested.finding_info, titel: 'x' };

    expect(ocsfErrors('compliance', top).join('\n')).toMatch(/additional properties.*severty_id/);
    expect(ocsfErrors('compliance', nested).join('\n')).toMatch(
      /\/finding_info: must NOT have additional properties.*titel/,
    );
  });

  it('reject a wrong class_uid, category_uid or type_uid', () => {
    expect(ocsfErrors('compliance', { ...complianceDoc(), class_uid: 2002 }).join()).toMatch(
      /\/class_uid: must be equal to constant/,
    );
    expect(ocsfErrors('vulnerability', { ...vulnerabilityDoc(), category_uid: 5 }).join()).toMatch(
      /\/category_uid: must be equal to constant/,
    );
    expect(ocsfErrors('compliance', { ...complianceDoc(), type_uid: 200201 }).join()).toMatch(
      /\/type_uid: must be equal to one of the allowed values/,
    );
  });

  it('reject an enum value OCSF does not define, and a wrong type', () => {
    expect(ocsfErrors('compliance', { ...complianceDoc(), status_id: 7 }).join()).toMatch(
      /\/status_id: must be equal to one of the allowed values/,
    );
    expect(ocsfErrors('compliance', { ...complianceDoc(), time: '2030-03-01' }).join()).toMatch(
      /\/time: must be integer/,
    );
  });

  it('reject a document without a required attribute', () => {
    const { cloud: _cloud, ...withoutCloud } = complianceDoc();
    const { vulnerabilities: _v, ...withoutVulnerabilities } = vulnerabilityDoc();

    expect(ocsfErrors('compliance', withoutCloud).join()).toMatch(/required property 'cloud'/);
    expect(ocsfErrors('vulnerability', withoutVulnerabilities).join()).toMatch(
      /required property 'vulnerabilities'/,
    );
  });

  it('enforce OCSF constraints: a vulnerability names exactly one of cve, cwe, advisory', () => {
    const doc = vulnerabilityDoc();
    const [vulnerability] = doc.vulnerabilities;
    doc.vulnerabilities = [{ ...vulnerability, cwe: { uid: 'CWE-79' } }];

    expect(ocsfErrors('vulnerability', doc).join()).toMatch(/must match exactly one schema/);
  });

  it('flag attributes OCSF 1.8.0 deprecates', () => {
    const doc = vulnerabilityDoc();
    doc.vulnerabilities = doc.vulnerabilities.map((v) => ({ ...v, fix_available: true }));

    expect(ocsfErrors('vulnerability', doc)).toEqual([
      '/vulnerabilities/0/fix_available: deprecated in OCSF 1.8.0',
    ]);
  });

  it('keep attributes of profiles Palisade does not apply out', () => {
    // `risk_score` comes with the security_control profile, `data_classifications` with
    // data_classification; neither is in metadata.profiles.
    const { compliance, vulnerability } = OCSF_SCHEMAS;
    const resourceDetails = vulnerability.$defs?.['resource_details']?.properties;

    expect(compliance.properties).not.toHaveProperty('risk_score');
    expect(compliance.properties).toHaveProperty('cloud');
    // The finding class takes `confidence_id` out of its profile (`"profile": null`).
    expect(compliance.properties).toHaveProperty('confidence_id');
    expect(resourceDetails).not.toHaveProperty('data_classifications');
    expect(resourceDetails).toHaveProperty('cloud_partition');
  });
});
