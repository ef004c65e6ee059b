import {
  interpolate,
  interpolateTree,
  InterpolationError,
  lookupIn,
  parseComposeEnvFile,
} from './compose-interpolation';

const env = lookupIn({ SET: 'value', EMPTY: '' });
const run = (template: string) => interpolate(template, env);

describe('Compose interpolation', () => {
  it('should substitute $VAR and ${VAR}, an unset one by the empty string', () => {
    expect(run('a-$SET-${SET}-b')).toBe('a-value-value-b');
    expect(run('[$UNSET][${UNSET}][${EMPTY}]')).toBe('[][][]');
    expect(run('$SET.x $SET_x')).toBe('value.x ');
  });

  it('should use a :- default when unset or empty, a - default only when unset', () => {
    expect([run('${SET:-d}'), run('${EMPTY:-d}'), run('${UNSET:-d}')]).toEqual(['value', 'd', 'd']);
    expect([run('${SET-d}'), run('${EMPTY-d}'), run('${UNSET-d}')]).toEqual(['value', '', 'd']);
    expect(run('${UNSET:-}')).toBe('');
  });

  it('should fail with the message of :? when unset or empty, of ? only when unset', () => {
    expect(run('${SET:?no}')).toBe('value');
    expect(() => run('${EMPTY:?set EMPTY: openssl rand -hex 24}')).toThrow(
      new InterpolationError(
        'required variable EMPTY is missing a value: set EMPTY: openssl rand -hex 24',
      ),
    );
    expect(() => run('x${UNSET:?gone}')).toThrow(
      'required variable UNSET is missing a value: gone',
    );
    expect(run('[${EMPTY?no}]')).toBe('[]');
    expect(() => run('${UNSET?gone}')).toThrow('required variable UNSET is missing a value: gone');
  });

  it('should use a :+ replacement when set and not empty, a + replacement when set', () => {
    expect([run('${SET:+r}'), run('${EMPTY:+r}'), run('${UNSET:+r}')]).toEqual(['r', '', '']);
    expect([run('${SET+r}'), run('${EMPTY+r}'), run('${UNSET+r}')]).toEqual(['r', 'r', '']);
  });

  it('should interpolate nested words, and only the one it uses', () => {
    expect(run('${UNSET:-${SET}}')).toBe('value');
    expect(run('${UNSET:-${ALSO_UNSET:-deep}}/tail')).toBe('deep/tail');
    expect(run('${SET:-${UNSET:?not evaluated}}')).toBe('value');
    expect(() => run('${UNSET?missing $SET}')).toThrow('missing a value: missing value');
  });

  it('should turn $$ into a literal $, also before a brace or a name', () => {
    expect(run('$$ $$SET $${SET} $$$SET')).toBe('$ $SET ${SET} $value');
    expect(run('${UNSET:-a$$b}')).toBe('a$b');
  });

  it('should refuse what Compose refuses', () => {
    for (const template of ['$', 'a$ b', '$1', '${}', '${SET', '${SET/a/b}', '${1X}', '${SET:x}']) {
      expect(() => run(template)).toThrow(/invalid interpolation format .*escape any \$/);
    }
  });

  it('should interpolate every string of a document, naming where it failed', () => {
    const document = { services: { a: { environment: { K: '${SET}', N: 1, P: null } } } };
    expect(interpolateTree(document, env)).toEqual({
      services: { a: { environment: { K: 'value', N: 1, P: null } } },
    });
    expect(interpolateTree({ '${SET}': ['$SET'] }, env)).toEqual({ '${SET}': ['value'] });
    expect(() => interpolateTree({ services: { a: { ports: ['${UNSET:?port}'] } } }, env)).toThrow(
      'error while interpolating services.a.ports[0]: required variable UNSET is missing a value: port',
    );
  });
});

describe('parseComposeEnvFile', () => {
  it('should read plain assignments and the commented examples as documented', () => {
    const file = parseComposeEnvFile(
      ['# a comment', '', 'A=1', 'EMPTY=', '# OPTIONAL=x', '#   e.g. not=this', 'B=x/y+z='].join(
        '\n',
      ),
    );
    expect(file.values).toEqual({ A: '1', EMPTY: '', B: 'x/y+z=' });
    expect([...file.documented].sort()).toEqual(['A', 'B', 'EMPTY', 'OPTIONAL']);
  });

  it('should refuse what it might misread: quotes, spaces, $, comments after a value, repeats', () => {
    for (const line of ['A="x"', "A='x'", 'A=x y', 'A=$B', 'A=x #c', ' A=x', 'export A=x']) {
      expect(() => parseComposeEnvFile(line)).toThrow(/line 1 is not a plain KEY=value line/);
    }
    expect(() => parseComposeEnvFile('A=1\nA=2')).toThrow('line 2 sets A a second time');
  });
});
