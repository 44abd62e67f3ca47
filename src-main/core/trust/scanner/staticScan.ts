import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { ScanFinding } from '../../../contract/models'
import { AppError } from '../../base/appError'
import { fingerprintFolderCached } from '../../skills/fingerprint'
import { normalizeText } from '../../skills/frontmatter'
import { loadSkill, type SkillManifest } from '../../skills/manifest'
import { LineIndex, makeFinding } from './findings'
import { extensionOf, inspectFolder, MAX_SCANNED_BYTES, type SkillFileEntry } from './folderRules'
import { frontmatterFindings } from './frontmatterRules'
import { scanScript, type ScriptLanguage, scriptLanguage, shebangInterpreter } from './scriptRules'
import { type SkillContext, skillContext } from './skillContext'
import { scanText, type TextKind } from './textRules'
import { unicodeFindings } from './unicodeRules'

/** A skill folder after every rule that needs no other process: what is left is its Python files. */
export interface StaticScan {
  root: string
  manifest: SkillManifest
  context: SkillContext
  findings: ScanFinding[]
  fingerprint: string | null
  /** Python files (relative paths) for the AST analyzer. */
  pythonFiles: string[]
}

type ContentKind = { kind: 'python' } | { kind: 'script'; language: ScriptLanguage } | { kind: TextKind }

const MARKDOWN = new Set(['md', 'markdown', 'mdx'])

/** Folder, text, script and frontmatter rules over one skill folder. Never throws for bad content. */
export function staticScan(dir: string): StaticScan {
  const root = resolve(dir)
  const loaded = loadSkill(root)
  const context = skillContext(loaded.manifest)
  const folder = inspectFolder(root)
  const findings: ScanFinding[] = [...folder.findings]
  const fingerprint = folderFingerprint(root, findings)
  const skillFile = loaded.file === null ? null : basename(loaded.file)
  const pythonFiles: string[] = []
  for (const file of folder.files) {
    if (file.size > MAX_SCANNED_BYTES || file.nature === 'binary' || file.nature === 'archive') continue
    const content = contentKind(file)
    if (content === null) continue
    if (content.kind === 'python') {
      pythonFiles.push(file.path)
      continue
    }
    const text = readText(file, findings)
    if (text === null) continue
    if (content.kind === 'script') {
      findings.push(...unicodeFindings(file.path, new LineIndex(text)))
      findings.push(...scanScript(file.path, text, content.language, context))
    } else {
      findings.push(...scanText(file.path, text, content.kind, context))
    }
    if (file.path === skillFile) findings.push(...frontmatterFindings(file.path, text, loaded.manifest))
  }
  return { root, manifest: loaded.manifest, context, findings, fingerprint, pythonFiles }
}

function contentKind(file: SkillFileEntry): ContentKind | null {
  const ext = extensionOf(file.path)
  const firstLine = file.head.subarray(0, 200).toString('utf8').split('\n')[0] ?? ''
  const python = ext === 'py' || ext === 'pyw' || /^python[0-9.]*$/.test(shebangInterpreter(firstLine))
  if (python) return { kind: 'python' }
  const language = scriptLanguage(file.path, firstLine)
  if (language !== null) return { kind: 'script', language }
  if (MARKDOWN.has(ext)) return { kind: 'markdown' }
  return file.head.includes(0) ? null : { kind: 'text' }
}

function readText(file: SkillFileEntry, findings: ScanFinding[]): string | null {
  try {
    return normalizeText(readFileSync(file.abs, 'utf8'))
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : String(err)
    const message = `Could not be read (${reason}), so it was not scanned. Check its permissions and scan again.`
    findings.push(makeFinding('folder.unreadable', 'MEDIUM', file.path, null, message, file.path))
    return null
  }
}

/** The content fingerprint, or null with a CRITICAL finding when the folder is not a valid skill folder. */
function folderFingerprint(root: string, findings: ScanFinding[]): string | null {
  try {
    return fingerprintFolderCached(root)
  } catch (err) {
    const reported = findings.some((f) => f.rule === 'folder.symlink' || f.rule === 'folder.special-file')
    if (!reported) {
      const message = `${AppError.from(err).message} SkillDock cannot fingerprint or install this folder as it is.`
      findings.push(makeFinding('folder.invalid', 'CRITICAL', '.', null, message, root))
    }
    return null
  }
}
