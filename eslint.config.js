// ESLint flat config: typescript-eslint's recommended type-checked rules over src/, test/ and bench/.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'bench/results/', '.build/', '.hangar/', '.home/', '.dist*/', 'src/broker/protocol/grpc/generated/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Off: async functions without an await are deliberate here — handlers and loaders that satisfy a
      // Promise-returning interface, and functions whose synchronous throws must arrive as rejections. Dropping
      // `async` to please the rule would change that behaviour.
      '@typescript-eslint/require-await': 'off',
      // `[value, pos] = read(buf, pos)` decoders assign a fresh value and an advancing cursor together; a `let` that a
      // closure reads before its one later assignment cannot be a const.
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
      // `const { a, b, ...rest } = x` is how a test leaves fields out of a comparison.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Part of recommendedTypeChecked already; stated here because the project relies on them.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test/describe/it return promises the runner itself tracks; awaiting them at top level is not the idiom.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The tests drive the official Huawei and Alibaba SDKs and the ali-ons client, which ship no usable types (they are
    // loaded through createRequire as `any`), so their responses are untyped by nature.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (this file) is outside tsconfig.json, so no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The examples are plain JavaScript run as they are (no type information): the untyped rules, Node's globals.
    files: ['examples/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
  },
);
