import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'scratch/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Production code never imports test helpers. The walls between modules are below and in
      // scripts/check-modules.ts (run by `npm run lint`): internals of other features, import cycles.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test/**'], message: 'Production code must not import test helpers.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/test/**'], message: 'Production code must not import test helpers.' },
            {
              group: ['../*/repository.ts', '../../*/repository.ts', '**/features/*/repository.ts'],
              message:
                "A feature's tables are its own: read another feature through its read.ts or service.ts (ARCHITECTURE.md).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts', 'src/domain/**/*.ts', 'src/messages/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/features/**'], message: 'The platform, the domain and the messages never import a feature.' },
          ],
        },
      ],
    },
  },
);
