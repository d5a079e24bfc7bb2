import type { Evaluation } from '../../policy/evaluate-pull-request.js';

/**
 * Who can satisfy a pending requirement: its users, and its teams of the repository's organisation (GitHub
 * requests reviews only from those). The author is left out by the caller, which knows who is already asked.
 */
export function reviewersFor(evaluation: Evaluation, org: string): { users: string[]; teams: string[] } {
  const parties = evaluation.approvals.filter((a) => a.status === 'pending').flatMap((a) => a.requirement.parties);
  const users = parties.filter((p) => !p.startsWith('@'));
  const teams = parties.flatMap((p) => {
    const [owner = '', slug = ''] = p.slice(1).split('/');
    return p.startsWith('@') && slug && owner.toLowerCase() === org.toLowerCase() ? [slug] : [];
  });
  return { users: [...new Set(users)], teams: [...new Set(teams)] };
}
