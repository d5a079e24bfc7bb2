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

const at = { path: 'catalog/a/product.yaml', line: 3, column: 5 };
const error: Finding = { ruleId: 'TOPIC_NAMING', severity: 'error', message: 'Bad topic.', location: at };
const warning: Finding = {
  ruleId: 'COMPATIBILITY_LOOSENED',
  severity: 'warning',
  message: 'Looser.',
  location: { path: 'catalog/b/product.yaml', line: 9, column: 1 },
  previousLocation: { path: 'catalog/b/product.yaml', line: 8, column: 2 },
};
const notice: Finding = { ruleId: 'SCHEMA_FIELD_DOCS', severity: 'notice', message: 'Note.', location: at };

describe('renderFindingsText', () => {
  it('prints one finding a line, then the summary', () => {
    expect(renderFindingsText([error, warning])).toBe(
      'catalog/a/product.yaml:3:5: error TOPIC_NAMING Bad topic.\n' +
        'catalog/b/product.yaml:9:1: warning COMPATIBILITY_LOOSENED Looser. (previously catalog/b/product.yaml:8:2)\n' +
        '1 error, 1 warning, 0 notices in 2 files.\n',
    );
    expect(renderFindingsText([])).toBe('No problems found.\n');
  });

  it('shows control characters in paths and messages escaped, so a finding stays on one line', () => {
    const hostile: Finding = { ...error, message: 'a\nb\u001b[31m', location: { ...at, path: 'x\ny' } };
    expect(renderFindingLine(hostile)).toBe('x\\ny:3:5: error TOPIC_NAMING a\\nb\\x1b[31m');
  });
});

describe('summarize', () => {
  it('counts each severity and the files, with plurals', () => {
    expect(summarize([error])).toBe('1 error, 0 warnings, 0 notices in 1 file.');
    expect(summarize([error, error, notice])).toBe('2 errors, 0 warnings, 1 notice in 1 file.');
    expect(summarize([])).toBe('No problems found.');
  });
});

describe('findingsToJson', () => {
  it('keeps rule, severity, message and plain locations, and a previous location only when there is one', () => {
    const located: Finding = { ...error, location: { ...at, endLine: 4, endColumn: 2 } };
    expect(findingsToJson([located, warning])).toEqual([
      { ruleId: 'TOPIC_NAMING', severity: 'error', message: 'Bad topic.', location: at },
      {
        ruleId: 'COMPATIBILITY_LOOSENED',
        severity: 'warning',
        message: 'Looser.',
        location: { path: 'catalog/b/product.yaml', line: 9, column: 1 },
        previousLocation: { path: 'catalog/b/product.yaml', line: 8, column: 2 },
      },
    ]);
    expect('previousLocation' in (findingsToJson([error])[0] ?? {})).toBe(false);
  });
});

describe('renderFindingsGithub', () => {
  it('makes each finding a workflow command on its file and line, then the summary', () => {
    expect(renderFindingsGithub([error, warning, notice])).toBe(
      '::error file=catalog/a/product.yaml,line=3,col=5,title=TOPIC_NAMING::Bad topic.\n' +
        '::warning file=catalog/b/product.yaml,line=9,col=1,title=COMPATIBILITY_LOOSENED::Looser.\n' +
        '::notice file=catalog/a/product.yaml,line=3,col=5,title=SCHEMA_FIELD_DOCS::Note.\n' +
        '1 error, 1 warning, 1 notice in 2 files.\n',
    );
  });

  it('encodes what would end the command early', () => {
    const odd: Finding = { ...error, message: '50%\r\ndone::x', location: { ...at, path: 'a:b,c' } };
    expect(renderFindingsGithub([odd]).split('\n')[0]).toBe(
      '::error file=a%3Ab%2Cc,line=3,col=5,title=TOPIC_NAMING::50%25%0D%0Adone::x',
    );
  });
});

describe('escapeData and escapeProperty', () => {
  it('encodes %, CR and LF, and shows other control characters escaped', () => {
    expect(escapeData('100%\r\n\u001b')).toBe('100%25%0D%0A\\x1b');
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('encodes : and , in properties as well', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('toAnnotation', () => {
  it('places a one-line finding on its columns, with the check-run level', () => {
    expect(toAnnotation(error)).toEqual({
      path: 'catalog/a/product.yaml',
      start_line: 3,
      end_line: 3,
      start_column: 5,
      end_column: 5,
      annotation_level: 'failure',
      title: 'TOPIC_NAMING',
      message: 'Bad topic.',
    });
    expect(toAnnotation({ ...error, location: { ...at, endLine: 3, endColumn: 12 } })).toMatchObject({
      start_column: 5,
      end_column: 12,
    });
    expect([toAnnotation(warning).annotation_level, toAnnotation(notice).annotation_level]).toEqual([
      'warning',
      'notice',
    ]);
  });

  it('spans lines without columns when the finding does', () => {
    const annotation = toAnnotation({ ...error, location: { ...at, endLine: 6, endColumn: 2 } });
    expect(annotation).toMatchObject({ start_line: 3, end_line: 6 });
    expect('start_column' in annotation || 'end_column' in annotation).toBe(false);
  });

  it('keeps newlines in the message and escapes other control characters', () => {
    expect(toAnnotation({ ...error, message: 'a\nb\u001bc' }).message).toBe('a\nb\\x1bc');
  });
});
