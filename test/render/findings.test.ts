import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import {
  escapeData,
  escapeProperty,
  findingsToJson,
  renderFindingLine,
  renderFindingsGithub,
  renderFindingsText,
  summarize,
  toAnnotation,
} from '../../src/render/findings.js';

const error: Finding = {
  ruleId: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  severity: 'error',
  message: 'Field "id" was removed.',
  location: { path: 'products/a/new.avsc', line: 3, column: 5, endLine: 3, endColumn: 9 },
  previousLocation: { path: 'products/a/old.avsc', line: 4, column: 7 },
};
const warning = {
  ...error,
  severity: 'warning',
  message: '50% off, a:b\nnext',
  previousLocation: undefined,
} as Finding;
const notice = { ...error, severity: 'notice', location: { path: 'other.yaml', line: 1, column: 1 } } as Finding;

describe('renderFindingsText', () => {
  it('prints path:line:col, severity, rule and message, the previous location, then a summary', () => {
    expect(renderFindingsText([error, notice])).toBe(
      'products/a/new.avsc:3:5: error READER_FIELD_MISSING_DEFAULT_VALUE Field "id" was removed. (previously products/a/old.avsc:4:7)\n' +
        'other.yaml:1:1: notice READER_FIELD_MISSING_DEFAULT_VALUE Field "id" was removed. (previously products/a/old.avsc:4:7)\n' +
        '1 error, 0 warnings, 1 notice in 2 files.\n',
    );
    expect(renderFindingsText([])).toBe('No problems found.\n');
  });

  it('keeps each finding on one line: control characters in paths and messages are escaped', () => {
    const hostile = { ...warning, location: { path: 'a\nb/\u001b[2J.yaml', line: 1, column: 2 } } as Finding;
    expect(renderFindingLine(hostile)).toBe(
      'a\\nb/\\x1b[2J.yaml:1:2: warning READER_FIELD_MISSING_DEFAULT_VALUE 50% off, a:b\\nnext',
    );
  });
});

describe('summarize', () => {
  it('counts by severity and distinct files, singular for one', () => {
    expect(summarize([error, error, warning, notice])).toBe('2 errors, 1 warning, 1 notice in 2 files.');
    expect(summarize([warning])).toBe('0 errors, 1 warning, 0 notices in 1 file.');
    expect(summarize([])).toBe('No problems found.');
  });
});

describe('findingsToJson', () => {
  it('keeps rule, severity, message and plain locations, with previousLocation only when set', () => {
    expect(findingsToJson([error, warning])).toEqual([
      {
        ruleId: 'READER_FIELD_MISSING_DEFAULT_VALUE',
        severity: 'error',
        message: 'Field "id" was removed.',
        location: { path: 'products/a/new.avsc', line: 3, column: 5 },
        previousLocation: { path: 'products/a/old.avsc', line: 4, column: 7 },
      },
      {
        ruleId: 'READER_FIELD_MISSING_DEFAULT_VALUE',
        severity: 'warning',
        message: '50% off, a:b\nnext',
        location: { path: 'products/a/new.avsc', line: 3, column: 5 },
      },
    ]);
  });
});

describe('renderFindingsGithub', () => {
  it('prints one workflow command per finding with encoded properties and data, then the summary', () => {
    const weird = { ...warning, location: { path: 'dir,x/a:b.yaml', line: 2, column: 3 } } as Finding;
    expect(renderFindingsGithub([error, weird])).toBe(
      '::error file=products/a/new.avsc,line=3,col=5,title=READER_FIELD_MISSING_DEFAULT_VALUE::Field "id" was removed.\n' +
        '::warning file=dir%2Cx/a%3Ab.yaml,line=2,col=3,title=READER_FIELD_MISSING_DEFAULT_VALUE::50%25 off, a:b%0Anext\n' +
        '1 error, 1 warning, 0 notices in 2 files.\n',
    );
    expect(renderFindingsGithub([])).toBe('No problems found.\n');
  });
});

describe('escapeData and escapeProperty', () => {
  it("encodes %, CR and LF as GitHub's commands need, and shows other control characters escaped", () => {
    expect(escapeData('100%\r\nnext\u0007')).toBe('100%25%0D%0Anext\\x07');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('toAnnotation', () => {
  it('places a one-line finding on its columns, with the level GitHub names', () => {
    expect(toAnnotation(error)).toEqual({
      path: 'products/a/new.avsc',
      start_line: 3,
      end_line: 3,
      start_column: 5,
      end_column: 9,
      annotation_level: 'failure',
      title: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      message: 'Field "id" was removed.',
    });
    expect(toAnnotation(notice)).toMatchObject({ start_line: 1, end_line: 1, start_column: 1, end_column: 1 });
    expect(toAnnotation(notice).annotation_level).toBe('notice');
  });

  it('leaves columns out of a finding over several lines, and keeps newlines in the message only', () => {
    const multi = {
      ...warning,
      message: 'first\nsecond\tthird',
      location: { path: 'a.yaml', line: 2, column: 4, endLine: 5, endColumn: 1 },
    } as Finding;
    expect(toAnnotation(multi)).toEqual({
      path: 'a.yaml',
      start_line: 2,
      end_line: 5,
      annotation_level: 'warning',
      title: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      message: 'first\nsecond\\tthird',
    });
  });
});
