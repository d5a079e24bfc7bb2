import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Node's I/O modules and the clients of the outside world: only shells and adapters may import them. */
const ioModules = [
  ...[
    'fs',
    'fs/*',
    'child_process',
    'http',
    'https',
    'http2',
    'net',
    'tls',
    'dgram',
    'dns',
    'dns/*',
    'readline',
  ].flatMap((m) => [m, `node:${m}`]),
  '@platformatic/kafka',
  '@platformatic/kafka/*',
  'probot',
  'probot/*',
  '@octokit/*',
  'undici',
];
/** The two shells share code through the engine (render/, policy/…), never by importing each other. */
const shellsApart = 'Shells share code through the engine (render/, policy/…), never each other.';
/** The shells, by relative path. */
const shellPaths = ['**/cli', '**/cli/**', '**/github', '**/github/**'];
/** The adapters of src/apply (what talks to Kafka and the registry, and what connects them). */
const adapterPaths = [
  '**/apply/adapters/**',
  '**/apply/connect*',
  '**/apply/kafka-*',
  '**/apply/registry-transport*',
  '**/apply/schema-registry*',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-action/**',
      'node_modules/**',
      '.services/**',
      'catalog/**',
      'coverage/**',
      'test/fixtures/**',
      '.oracle/**',
      'src/catalog/generated/**',
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
    files: [
      'src/core/**',
      'src/rules/**',
      'src/catalog/**',
      'src/schema/**',
      'src/policy/**',
      'src/plan/**',
      'src/render/**',
      'src/audit/**',
      'src/site/**',
      'src/import/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'The engine is pure: I/O belongs in a shell (cli/, github/, apply/).' },
            {
              group: [...shellPaths, ...adapterPaths],
              message: 'The engine never imports a shell or an adapter: they import it, and pass it plain data.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/github/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli', '**/cli/**'], message: shellsApart }] }],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/github', '**/github/**'], message: shellsApart }] },
      ],
    },
  },
);
