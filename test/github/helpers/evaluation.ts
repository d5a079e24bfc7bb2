import type { Finding } from '../../../src/core/findings.js';
import type { Evaluation } from '../../../src/policy/evaluate-pull-request.js';

/** An evaluation with these findings and nothing else. */
export function evaluation(findings: Finding[], informed: string[] = []): Evaluation {
  return {
    report: {
      findings,
      changes: [],
      schemas: [],
      impact: [],
      approvals: { requirements: [], informed },
      blocking: findings.some((f) => f.severity === 'error'),
    },
    accepted: [],
    ignored: [],
    approvals: [],
  };
}

export const finding = (i: number, message = `Problem ${i} in a long explanation. `.repeat(8)): Finding => ({
  ruleId: 'REQUIRED_METADATA',
  severity: 'error',
  message,
  location: { path: `catalog/d/p${i}/product.yaml`, line: i + 1, column: 1 },
});
