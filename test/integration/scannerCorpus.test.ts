import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ScanReport } from '../../src-main/contract/models'
import { validateSkillPath } from '../../src-main/core/skills/manifest'
import { scanSkills } from '../../src-main/core/trust/scanner'

const root = resolve(__dirname, '../..')
const corpus = join(root, 'test/fixtures/scanner')
const options = { python: 'python3', resourcesDir: join(root, 'resources') }

/** Each malicious skill and the rule family that must catch it (at HIGH or CRITICAL). */
const EXPECTED: Record<string, string> = {
  'folder-csv-shebang': 'folder.disguised',
  'folder-hidden-binary': 'folder.binary',
  'folder-png-elf': 'folder.disguised',
  'folder-shared-library': 'folder.binary',
  'folder-txt-is-zip': 'folder.disguised',
  'py-alias-chain': 'py.exec',
  'py-aws-credentials-post': 'py.exfiltration',
  'py-base64-exec': 'py.obfuscation.decode-exec',
  'py-builtins-getattr-exec': 'py.obfuscation',
  'py-chr-join-import': 'py.obfuscation',
  'py-ctypes-shellcode': 'py.native',
  'py-download-exec': 'py.download-exec',
  'py-env-harvest': 'py.exfiltration',
  'py-eval-input': 'py.dynamic.eval',
  'py-getattr-import-concat': 'py.obfuscation',
  'py-persistence-bashrc': 'py.persistence',
  'py-pickle-network': 'py.deserialize',
  'py-reverse-shell': 'py.reverse-shell',
  'py-rmtree-home': 'py.destructive',
  'py-rot13-exec': 'py.obfuscation.decode-exec',
  'py-split-payload': 'py.obfuscation.decode-exec',
  'py-ssh-key-reader': 'py.credentials.file',
  'py-sys-modules-dict': 'py.obfuscation',
  'py-tool-poisoning': 'text.',
  'py-trojan-source-bidi': 'py.unicode.bidi',
  'py-undeclared-network': 'py.network.undeclared',
  'py-undeclared-token': 'py.credentials.env',
  'py-yaml-unsafe-load': 'py.deserialize',
  'py-zlib-marshal': 'py.obfuscation.decode-exec',
  'script-base64-pipe-bash': 'script.decode-exec',
  'script-bashrc-alias': 'script.persistence',
  'script-crontab-persistence': 'script.persistence',
  'script-curl-pipe-sh-readme': 'script.download-exec',
  'script-download-then-run': 'script.download-exec',
  'script-js-eval-fetch': 'script.download-exec',
  'script-launch-agent': 'script.persistence',
  'script-node-child-process': 'script.process',
  'script-node-reverse-shell': 'script.reverse-shell',
  'script-powershell-iex': 'script.download-exec',
  'script-registry-run-key': 'script.persistence',
  'script-reverse-shell-setup': 'script.reverse-shell',
  'script-rm-rf-variable': 'script.destructive',
  'script-ssh-exfil': 'script.exfiltration',
  'text-allowed-tools-bash': 'text.allowed-tools',
  'text-bidi-override': 'text.unicode.bidi',
  'text-exfil-env': 'text.exfiltration',
  'text-hidden-comment': 'text.hidden-comment',
  'text-ignore-instructions': 'text.prompt-injection',
  'text-important-block': 'text.hidden-instructions',
  'text-paste-site': 'text.url.paste-site',
  'text-raw-ip-download': 'text.url.raw-ip',
  'text-references-injection': 'text.prompt-injection',
  'text-secrecy-history': 'text.prompt-injection.secrecy',
  'text-tag-characters': 'text.unicode.tags',
  'text-zero-width-injection': 'text.prompt-injection.obfuscated',
}

const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()

const serious = (report: ScanReport) =>
  report.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL')

describe('scanner corpus (real python3 analyzer)', () => {
  const malicious = folders(join(corpus, 'malicious'))
  const benign = folders(join(corpus, 'benign'))
  const bundled = folders(join(root, 'skills'))
  let reports = new Map<string, ScanReport>()
  const report = (dir: string): ScanReport => {
    const found = reports.get(dir)
    if (!found) throw new Error(`no report for ${dir}`)
    return found
  }

  beforeAll(async () => {
    const dirs = [
      ...malicious.map((n) => join(corpus, 'malicious', n)),
      ...benign.map((n) => join(corpus, 'benign', n)),
      ...bundled.map((n) => join(root, 'skills', n)),
    ]
    // One call: the Python files of many skills are analysed per python3 process.
    const results = await scanSkills(dirs, options)
    reports = new Map(dirs.map((dir, i) => [dir, results[i] as ScanReport]))
    const flagged = malicious.filter((n) => serious(report(join(corpus, 'malicious', n))).length > 0).length
    const harmless = [
      ...benign.map((n) => join(corpus, 'benign', n)),
      ...bundled.map((n) => join(root, 'skills', n)),
    ]
    const falsePositives = harmless.filter((dir) => serious(report(dir)).length > 0).length
    console.log(
      `scanner corpus: ${flagged}/${malicious.length} malicious flagged, ${falsePositives}/${harmless.length} benign false positives`,
    )
  }, 60_000)

  it('has at least 30 malicious and 12 benign skills, each with a map entry and a valid SKILL.md', () => {
    expect(malicious.length).toBeGreaterThanOrEqual(30)
    expect(benign.length).toBeGreaterThanOrEqual(12)
    expect(malicious).toEqual(Object.keys(EXPECTED).sort())
    for (const dir of [
      ...malicious.map((n) => join(corpus, 'malicious', n)),
      ...benign.map((n) => join(corpus, 'benign', n)),
    ]) {
      expect(validateSkillPath(dir).errors, dir).toEqual([])
    }
  })

  it('flags every malicious skill HIGH or CRITICAL through the expected rule family', () => {
    const missed = malicious.filter((name) => {
      const found = serious(report(join(corpus, 'malicious', name)))
      return !found.some((f) => f.rule.startsWith(EXPECTED[name] ?? '\0'))
    })
    expect(missed).toEqual([])
  })

  it('finds nothing HIGH or CRITICAL in the benign corpus or the bundled skills', () => {
    const noisy = [
      ...benign.map((n) => join(corpus, 'benign', n)),
      ...bundled.map((n) => join(root, 'skills', n)),
    ]
      .map((dir) => ({ dir, findings: serious(report(dir)) }))
      .filter((r) => r.findings.length > 0)
    expect(noisy).toEqual([])
  })

  it('completes every scan (the analyzer never failed) and fingerprints every folder', () => {
    for (const [dir, r] of reports) {
      expect(r.status, dir).toBe('complete')
      expect(r.fingerprint, dir).toMatch(/^sha256:[0-9a-f]{64}$/)
    }
  })
})
