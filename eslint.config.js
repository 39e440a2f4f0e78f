import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import importPlugin from 'eslint-plugin-import';

// The web app is layered one way: shared (ui, api, i18n, paths) → features → app (routes, router, main).
// A feature never imports another: a page that combines two is composed at the route (web/src/routes).
const web = './web/src';
const features = readdirSync(new URL('web/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const app = [`${web}/routes`, `${web}/router.tsx`, `${web}/main.tsx`];
const shared = [`${web}/ui`, `${web}/api`, `${web}/i18n`, `${web}/paths.ts`];

export const boundaryZones = [
  ...features.map((feature) => ({
    target: `${web}/features/${feature}`,
    from: `${web}/features`,
    except: [`./${feature}`],
    message: 'Features do not import each other: move what they share to web/src/ui or web/src/api, or compose them in web/src/routes.',
  })),
  { target: `${web}/features`, from: app, message: 'Features do not import the app (routes, router): the app imports them.' },
  { target: shared, from: [`${web}/features`, ...app], message: 'Shared code (ui, api, i18n) does not import features or the app.' },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**'] },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      // Paths are read from the repository's root, wherever ESLint is started.
      'import/no-restricted-paths': ['error', { basePath: fileURLToPath(new URL('.', import.meta.url)), zones: boundaryZones }],
    },
  },
];
