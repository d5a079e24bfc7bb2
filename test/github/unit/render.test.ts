import { describe, expect, it } from 'vitest';
import { evaluation, finding } from '../helpers/evaluation.js';
import { escapeText, mention } from '../../../src/render/markdown.js';
import { renderChecksRun } from '../../../src/render/check-runs.js';
import { commentMarker, renderComment } from '../../../src/render/comment.js';

describe('the summary comment', () => {
  it('stays under GitHub’s limit on a huge pull request, folded, with the marker first', () => {
    const body = renderComment(evaluation(Array.from({ length: 5000 }, (_, i) => finding(i))));
    expect(body.length).toBeLessThan(65_536);
    expect(body.startsWith(commentMarker)).toBe(true);
    expect(body).toContain('<details><summary>5000 findings (5000 blocking)</summary>');
    expect(body).toMatch(/… and \d+ more findings in the check run\./);
  });

  it('escapes product text: no mentions, HTML, links or table breaks', () => {
    const hostile = 'Ping @acme/everyone <img src=x onerror=alert(1)> [click](https://evil) | broken\n# heading';
    const body = renderComment(evaluation([finding(1, hostile)]));
    expect(body).not.toContain('@acme/everyone');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('[click](');
    expect(body).toContain(
      'Ping @&#8203;acme/everyone &lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(https://evil\\) \\| broken \\# heading',
    );
  });

  it('mentions Informed parties once, and only well-formed ones', () => {
    const body = renderComment(evaluation([], ['@acme/platform', 'carol', 'bad name <b>']));
    expect(body).toContain('cc @acme/platform @carol (Informed)');
    expect(body.match(/@acme\/platform/g)).toHaveLength(1);
    expect(body).not.toContain('<b>');
  });
});

describe('markdown helpers', () => {
  it('escapeText neutralises every Markdown and HTML control character it meets', () => {
    expect(escapeText('a*b_c`d~e')).toBe('a\\*b\\_c\\`d\\~e');
    expect(mention('alice')).toBe('@alice');
    expect(mention('@acme/orders')).toBe('@acme/orders');
    expect(mention('x y')).toBeUndefined();
  });
});

describe('the checks run', () => {
  it('carries every finding as an annotation on its line', () => {
    const run = renderChecksRun(evaluation(Array.from({ length: 120 }, (_, i) => finding(i))));
    expect(run.annotations).toHaveLength(120);
    expect(run.annotations[3]).toMatchObject({
      path: 'catalog/d/p3/product.yaml',
      start_line: 4,
      annotation_level: 'failure',
    });
  });
});
