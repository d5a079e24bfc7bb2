import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.services/**',
      'catalog/**',
      'coverage/**',
      'test/fixtures/**',
      '.oracle/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/core/**', 'src/catalog/**', 'src/schema/**', 'src/policy/**', 'src/plan/**', 'src/audit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'probot', '@octokit/*'],
              message: 'The engine is pure: I/O belongs in a shell (cli/, github/, apply/).',
            },
          ],
        },
      ],
    },
  },
);
