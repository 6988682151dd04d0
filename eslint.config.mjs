// ESLint with type information (typescript-eslint) over the TypeScript sources: `npm test` runs it
// after tsc. Promises must be awaited, returned or marked `void`; names follow the code's habits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'out/**', 'test-artifacts/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'typeLike', format: ['PascalCase'] },
        // Values: camelCase, constants UPPER_CASE, classes and namespace-like objects PascalCase.
        { selector: 'variable', format: ['camelCase', 'UPPER_CASE', 'PascalCase'], leadingUnderscore: 'allow' },
        { selector: ['function', 'parameter'], format: ['camelCase', 'PascalCase'], leadingUnderscore: 'allow' },
        { selector: ['classProperty', 'classMethod', 'accessor'], format: ['camelCase', 'UPPER_CASE'], leadingUnderscore: 'allow' },
        { selector: 'enumMember', format: ['PascalCase', 'UPPER_CASE'] },
      ],
      // tsc reports unused names (noUnusedLocals, noUnusedParameters); `_name` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // JSON-RPC messages and test fixtures are untyped JSON.
      '@typescript-eslint/no-explicit-any': 'off',
      // Terminal, notification and XML escaping match control characters on purpose.
      'no-control-regex': 'off',
      // Lazy require() keeps start-up short (the language-client bundle, the YAML parser, colours).
      '@typescript-eslint/no-require-imports': 'off',
      // A closure that reads a variable assigned after it (a server handing itself to its handler).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
