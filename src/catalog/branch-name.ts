/**
 * Why git would refuse `name` as a branch (the rules of `git check-ref-format --branch`), as a fragment that
 * completes "The branch name … ", or undefined for a valid name.
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  // Control characters first: they are invisible in messages, so say where they are.
  const control = [...name].findIndex((c) => c < ' ' || c === '\u007f');
  if (control >= 0) {
    const code = name.codePointAt(control) ?? 0;
    return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${control + 1}`;
  }
  const forbidden = [' ', '~', '^', ':', '?', '*', '[', '\\'].find((c) => name.includes(c));
  if (forbidden)
    return `contains ${forbidden === ' ' ? 'a space' : `\`${forbidden}\``}, which git does not allow in ref names`;
  if (name.startsWith('-')) return 'starts with `-`, which git would read as an option';
  if (name.includes('..')) return 'contains `..`';
  if (name.includes('@{')) return 'contains `@{`';
  if (name === '@' || name === 'HEAD') return `is \`${name}\`, which git reserves`;
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'has an empty path component (a leading, trailing or doubled `/`)';
  if (name.endsWith('.')) return 'ends with `.`';
  const parts = name.split('/');
  if (parts.some((p) => p.startsWith('.'))) return 'has a path component that starts with `.`';
  if (parts.some((p) => p.endsWith('.lock'))) return 'has a path component that ends with `.lock`';
  return undefined;
}
