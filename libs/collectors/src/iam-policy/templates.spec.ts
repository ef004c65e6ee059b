import { type InlinePolicyDocument } from './generate';
import {
  generatedBlocks,
  renderInlinePolicy,
  renderTemplateBody,
  replaceGeneratedBlocks,
  resourceBody,
  syncTemplates,
} from './templates';

const POLICY: InlinePolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PalisadeReadOnlyBeyondManaged',
      Effect: 'Allow',
      Action: ['account:GetContactInformation', 'macie2:GetMacieSession'],
      Resource: '*',
    },
  ],
};

describe('renderInlinePolicy', () => {
  it("should render the role's Policies property as block YAML at the given indentation", () => {
    expect(renderInlinePolicy(POLICY, '  ').join('\n')).toBe(
      [
        '  Policies:',
        '    - PolicyName: PalisadeReadOnlyBeyondManaged',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Sid: PalisadeReadOnlyBeyondManaged',
        '            Effect: Allow',
        '            Action:',
        '              - account:GetContactInformation',
        '              - macie2:GetMacieSession',
        "            Resource: '*'",
      ].join('\n'),
    );
  });

  it('should render only a comment when there is no inline policy', () => {
    expect(renderInlinePolicy(null, '    ')).toEqual([
      '    # SecurityAudit and ViewOnlyAccess allow every action: no inline policy.',
    ]);
  });
});

describe('replaceGeneratedBlocks', () => {
  const text = [
    'a:',
    '  # BEGIN GENERATED inline-policy: note',
    '  old: 1',
    '  # END GENERATED inline-policy',
    'b:',
    '    # BEGIN GENERATED inline-policy',
    '    # END GENERATED inline-policy',
    '',
  ].join('\n');

  it('should rewrite every block with its own indentation and keep the markers', () => {
    const out = replaceGeneratedBlocks(text, 'inline-policy', (indent) => [`${indent}new: 2`]);
    expect(out).toBe(
      [
        'a:',
        '  # BEGIN GENERATED inline-policy: note',
        '  new: 2',
        '  # END GENERATED inline-policy',
        'b:',
        '    # BEGIN GENERATED inline-policy',
        '    new: 2',
        '    # END GENERATED inline-policy',
        '',
      ].join('\n'),
    );
    expect(generatedBlocks(out, 'inline-policy')).toEqual(['  new: 2', '    new: 2']);
  });

  it('should refuse a text without the block, an unclosed block and a stray END', () => {
    const render = () => [];
    expect(() => replaceGeneratedBlocks('a: 1\n', 'inline-policy', render)).toThrow(
      "no '# BEGIN GENERATED inline-policy' block",
    );
    expect(() =>
      replaceGeneratedBlocks('# BEGIN GENERATED scan-role\nx: 1\n', 'scan-role', render),
    ).toThrow('line 1: BEGIN scan-role without END');
    expect(() =>
      replaceGeneratedBlocks('# END GENERATED scan-role\n', 'scan-role', render),
    ).toThrow('line 1: END scan-role without BEGIN');
    expect(() =>
      replaceGeneratedBlocks(
        '  # BEGIN GENERATED scan-role\n# END GENERATED scan-role\n',
        'scan-role',
        render,
      ),
    ).toThrow('line 2: END scan-role indented unlike its BEGIN');
  });

  it('should not take another block whose name starts the same for its own', () => {
    const other = '# BEGIN GENERATED scan-role-x\n# END GENERATED scan-role-x\n';
    expect(() => replaceGeneratedBlocks(other, 'scan-role', () => [])).toThrow('no ');
  });
});

describe('resourceBody and renderTemplateBody', () => {
  const template = [
    'Resources:',
    '  ScanRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '',
    '      RoleName: x',
    '',
    '  # next',
    '  Other:',
    '    Type: AWS::SNS::Topic',
    'Outputs: {}',
    '',
  ].join('\n');

  it("should copy a resource's body, re-indented, up to the next resource", () => {
    expect(resourceBody(template, 'ScanRole', '      ')).toEqual([
      '      Type: AWS::IAM::Role',
      '      Properties:',
      '',
      '        RoleName: x',
    ]);
    expect(() => resourceBody(template, 'Missing', '')).toThrow('no resource Missing');
  });

  it('should inline a whole template as a literal block', () => {
    expect(renderTemplateBody('a: 1\n\nb:\n  c: 2\n', '      ')).toEqual([
      '      TemplateBody: |',
      '        a: 1',
      '',
      '        b:',
      '          c: 2',
    ]);
  });
});

describe('syncTemplates', () => {
  const memberRole = [
    'Resources:',
    '  ScanRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      # BEGIN GENERATED inline-policy',
    '      # END GENERATED inline-policy',
    '',
  ].join('\n');
  const orgStackset = [
    'Resources:',
    '  Set:',
    '    Properties:',
    '      # BEGIN GENERATED member-role-template',
    '      # END GENERATED member-role-template',
    '  Role:',
    '    # BEGIN GENERATED scan-role',
    '    # END GENERATED scan-role',
    '',
  ].join('\n');

  it('should put the policy in the role, the role in the management copy, the template in the StackSet', () => {
    const synced = syncTemplates({ memberRole, orgStackset }, POLICY);
    expect(generatedBlocks(synced.memberRole, 'inline-policy')).toEqual([
      renderInlinePolicy(POLICY, '      ').join('\n'),
    ]);
    expect(generatedBlocks(synced.orgStackset, 'inline-policy')).toEqual([
      renderInlinePolicy(POLICY, ' '.repeat(14)).join('\n'),
      renderInlinePolicy(POLICY, '      ').join('\n'),
    ]);
    expect(generatedBlocks(synced.orgStackset, 'member-role-template')).toEqual([
      renderTemplateBody(synced.memberRole, '      ').join('\n'),
    ]);
    expect(syncTemplates(synced, POLICY)).toEqual(synced);
    expect(syncTemplates(synced, null)).not.toEqual(synced);
  });
});
