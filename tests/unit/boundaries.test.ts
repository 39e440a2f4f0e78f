import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rules ESLint reports for `code` placed at `filePath` (from the repository's root). */
async function rulesBroken(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.map((message) => message.ruleId) ?? [];
}

describe('web import boundaries', () => {
  it('refuses a feature importing another feature', async () => {
    const code = "import { SupportButton } from '../votes/SupportButton.tsx';\nexport const probe = SupportButton;\n";
    expect(await rulesBroken('web/src/features/submissions/Probe.tsx', code)).toContain('import/no-restricted-paths');
  });

  it('refuses shared ui importing a feature', async () => {
    const code = "import { HomePage } from '../features/campaign/HomePage.tsx';\nexport const probe = HomePage;\n";
    expect(await rulesBroken('web/src/ui/Probe.tsx', code)).toContain('import/no-restricted-paths');
  });

  it('lets a feature import its own files and the shared layers', async () => {
    const code = [
      "import { EntryCard } from './EntryCard.tsx';",
      "import { PageIntro } from '../../ui/PageIntro.tsx';",
      "import { submissionKeys } from '../../api/keys.ts';",
      'export const probe = [EntryCard, PageIntro, submissionKeys];',
      '',
    ].join('\n');
    expect(await rulesBroken('web/src/features/submissions/Probe.tsx', code)).toEqual([]);
  });

  it('lets a route compose two features', async () => {
    const code = [
      "import { EntryPage } from '../features/submissions/EntryPage.tsx';",
      "import { SupportButton } from '../features/votes/SupportButton.tsx';",
      'export const probe = [EntryPage, SupportButton];',
      '',
    ].join('\n');
    expect(await rulesBroken('web/src/routes/Probe.tsx', code)).toEqual([]);
  });
});
