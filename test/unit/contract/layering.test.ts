import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')
const eslint = new ESLint({ cwd: root })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' && m.severity === 2)
    .map((m) => m.message)
}

describe('layering (docs/ARCHITECTURE.md §3) is enforced by ESLint as errors', () => {
  it('fails when core imports electron or src-main/electron', async () => {
    expect(
      await restrictedImports(
        'src-main/core/probe.ts',
        "import { app } from 'electron'\nexport const a = app\n",
      ),
    ).not.toEqual([])
    expect(
      await restrictedImports(
        'src-main/core/skills/probe.ts',
        "import { x } from '../../electron/window'\nexport const a = x\n",
      ),
    ).not.toEqual([])
  })

  it('fails when core imports cli/ or http/', async () => {
    expect(
      await restrictedImports(
        'src-main/core/probe.ts',
        "import { x } from '../http/server'\nexport const a = x\n",
      ),
    ).not.toEqual([])
    expect(
      await restrictedImports(
        'src-main/core/probe.ts',
        "import { x } from '../cli/main'\nexport const a = x\n",
      ),
    ).not.toEqual([])
  })

  it('lets contract/ import only zod and its own files', async () => {
    expect(
      await restrictedImports(
        'src-main/contract/probe.ts',
        "import { z } from 'zod'\nimport { a } from './models'\nexport const b = [z, a]\n",
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        'src-main/contract/probe.ts',
        "import fs from 'node:fs'\nexport const b = fs\n",
      ),
    ).not.toEqual([])
  })

  it('lets cli/ reach the core only through core/app', async () => {
    expect(
      await restrictedImports(
        'src-main/cli/probe.ts',
        "import { createCore } from '../core/app'\nexport const a = createCore\n",
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        'src-main/cli/probe.ts',
        "import { SkillCatalog } from '../core/skills/catalog'\nexport const a = SkillCatalog\n",
      ),
    ).not.toEqual([])
  })

  it('lets the renderer import only types from the contract', async () => {
    expect(
      await restrictedImports(
        'src-renderer/probe.ts',
        "import type { SkillSummary } from '../src-main/contract'\nexport type A = SkillSummary\n",
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        'src-renderer/probe.ts',
        "import { routes } from '../src-main/contract/routes'\nexport const a = routes\n",
      ),
    ).not.toEqual([])
    expect(
      await restrictedImports(
        'src-renderer/probe.ts',
        "import { app } from 'electron'\nexport const a = app\n",
      ),
    ).not.toEqual([])
  })
})
