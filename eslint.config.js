// Type-aware lint at error level, and the dependency rules of the codebase:
// domain imports nothing of ours, contracts nothing at all, persistence only domain and contracts,
// config nothing of ours, libs never apps, apps never other apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const OURS = ['#domain', '#contracts', '#persistence', '#config', '#testing', '#runtime', '#scoring'];
const APPS = ['**/apps/**'];

/** Forbids importing `libs` (by their # names) and app folders, and the `paths` entries given. */
function only(allowed, extra = [], paths = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          ...OURS.filter((p) => !allowed.includes(p)).map((name) => ({
            name,
            message: 'This import breaks the dependency rules (see docs/ARCHITECTURE.md).',
          })),
          ...paths,
        ],
        patterns: [
          { group: APPS, message: 'Libraries never import apps, and apps never import other apps.' },
          ...(extra.length === 0
            ? []
            : [
                {
                  group: extra,
                  message: 'This import breaks the dependency rules (see docs/ARCHITECTURE.md).',
                },
              ]),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: only([], ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'socket.io*', 'node:*']),
  },
  { files: ['libs/contracts/**/*.ts'], rules: only([], ['luxon', '@nestjs/*', 'typeorm']) },
  { files: ['libs/config/**/*.ts'], rules: only([]) },
  { files: ['libs/persistence/**/*.ts'], rules: only(['#domain', '#contracts']) },
  { files: ['libs/runtime/**/*.ts'], rules: only(['#domain', '#contracts', '#persistence', '#config']) },
  {
    files: ['libs/scoring/**/*.ts'],
    rules: only(['#domain', '#contracts', '#persistence', '#config', '#runtime']),
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: only(
      ['#domain', '#contracts', '#persistence', '#config', '#runtime', '#scoring'],
      ['**/worker/src/**', '**/migrate/src/**'],
      [
        {
          name: 'class-validator',
          importNames: ['IsOptional'],
          message:
            'IsOptional lets null through unchecked: use Optional() (null refused) or Nullable() (null means none) from common/validation.',
        },
      ],
    ),
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: only(
      ['#domain', '#contracts', '#persistence', '#config', '#runtime', '#scoring'],
      ['**/api/src/**', '**/migrate/src/**'],
    ),
  },
  {
    files: ['apps/recompute/**/*.ts'],
    rules: only(
      ['#domain', '#contracts', '#persistence', '#config', '#runtime', '#scoring'],
      ['**/api/src/**', '**/worker/src/**', '**/migrate/src/**'],
    ),
  },
  {
    // The browser: wire types and pure rules only, never the server's libraries or other apps.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: only(['#domain', '#contracts'], ['**/api/src/**', '**/worker/src/**', '**/migrate/src/**']),
  },
  {
    files: ['apps/migrate/**/*.ts'],
    rules: only(['#config', '#persistence'], ['**/api/src/**', '**/worker/src/**']),
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': 'off',
      'no-console': 'off',
    },
  },
);
