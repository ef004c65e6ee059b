/* eslint-disable no-control-regex -- these specs read the terminal codes the code writes */
import {
  createStyle,
  fitWidth,
  formatClock,
  formatCount,
  formatDuration,
  oneLine,
  padEnd,
  padStart,
  plural,
  truncate,
  truncateStart,
  visibleLength,
} from './text';

const { red, bold } = createStyle(true);

describe('oneLine', () => {
  it('should turn line breaks, tabs and control characters into single spaces', () => {
    expect(oneLine('  a\r\n\tb\u001b[2J\u0007c\u009b  ')).toBe('a b [2J c');
  });
});

describe('widths', () => {
  it('should count columns without colour codes, a code point per column', () => {
    expect(visibleLength(red('abc'))).toBe(3);
    expect(visibleLength('█░…')).toBe(3);
  });

  it('should pad by what shows, not by the codes', () => {
    expect(padEnd(red('ab'), 4)).toBe(`${red('ab')}  `);
    expect(padStart(red('ab'), 4)).toBe(`  ${red('ab')}`);
    expect(padEnd('abcdef', 3)).toBe('abcdef');
  });

  it('should cut from the end or from the start with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcd', 4)).toBe('abcd');
    expect(truncate('abc', 0)).toBe('');
    expect(truncateStart('/Root/Workloads/Prod', 10)).toBe('…oads/Prod');
    expect(truncateStart('/Root', 10)).toBe('/Root');
  });

  it('should fit a coloured line to a width and keep its codes balanced', () => {
    const line = `${bold('Scan')} ${red('x'.repeat(20))}`;
    const fitted = fitWidth(line, 10);
    expect(visibleLength(fitted)).toBe(10);
    expect(fitted.replace(/\x1b\[[0-9;]*m/g, '')).toBe('Scan xxxx…');
    expect(fitted.endsWith('\x1b[39m')).toBe(true);
    expect(fitWidth(line, 100)).toBe(line);
  });
});

describe('createStyle', () => {
  it('should colour only when asked', () => {
    expect(createStyle(true).green('ok')).toBe('\x1b[32mok\x1b[39m');
    expect(createStyle(false).green('ok')).toBe('ok');
    expect(createStyle(true).red('')).toBe('');
  });
});

describe('numbers and times', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
  ])('should group %d as %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it.each([
    [850, '850ms'],
    [7_400, '7s'],
    [134_000, '2m 14s'],
    [3_725_000, '1h 02m'],
    [-5, '0ms'],
  ])('should say %dms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [0, '0:00'],
    [7_999, '0:07'],
    [724_000, '12:04'],
    [3_723_000, '1:02:03'],
  ])('should clock %dms as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it('should agree the noun with its count', () => {
    expect(plural(1, 'account')).toBe('1 account');
    expect(plural(2, 'account')).toBe('2 accounts');
    expect(plural(1200, 'open failure')).toBe('1,200 open failures');
  });
});
