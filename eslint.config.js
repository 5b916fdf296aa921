// One linter, decided once: typescript-eslint's recommended rules over the TypeScript tree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'tests/fixtures/**/*.js', 'bench/results/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-namespace': 'off'
    }
  },
  {
    // tsyringe throws at import without the Reflect polyfill: core and the extensions take
    // its values from core/plugins/di-container.ts (or, lazily, tsyringe-module.ts), which
    // load the polyfill first. These three CommonJS packages are loaded with `require`
    // (core/plugins/reflect-polyfill.ts, tsyringe-module.ts, core/cli/commander.ts):
    // importing them from ESM costs the command line twice their load (docs/performance.md,
    // "The command line").
    files: ['core/**/*.ts', 'extensions/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'tsyringe',
              message: 'Import tsyringe values from core/plugins/di-container.ts.',
              allowTypeImports: true
            },
            {
              name: 'reflect-metadata',
              message: 'Import core/plugins/reflect-polyfill.ts, which requires it.'
            },
            {
              name: 'commander',
              message: 'Import commander values from core/cli/commander.ts.',
              allowTypeImports: true
            }
          ]
        }
      ]
    }
  }
);
