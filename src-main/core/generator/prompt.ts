import type { SkillTestReport, ValidationReport } from '../../contract/models'
import type { SkillFiles } from './template'

const EXAMPLE = `<file path="SKILL.md">
---
name: word-counter
description: Counts words and characters in a text. Use when the user asks how long a text is.
version: "1.0.0"
tools:
  - count_words
tags:
  - text
---

# Word counter

Call \`count_words(text)\` with the text itself (not a file path). Returns \`words\` and \`characters\`.
</file>
<file path="skill.py">
"""Word counter: counts words and characters."""

from __future__ import annotations

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP("word-counter", instructions="Count words and characters in a text.")


@mcp.tool()
def count_words(text: str) -> dict:
    """Count the words and characters of a text.

    Args:
        text: The text to measure.
    """
    if not text.strip():
        raise ValueError("text is empty: pass the text to measure")
    return {"words": len(text.split()), "characters": len(text)}


if __name__ == "__main__":
    mcp.run()
</file>
<file path="examples.json">
[{ "tool": "count_words", "arguments": { "text": "one two three" }, "expect": { "words": 3 } }]
</file>`

/** The system prompt: the format, the kit template with its fallback import, the rules and one complete example. */
export function systemPrompt(): string {
  return `You write Agent Skills for SkillDock. A skill is a folder with:
- SKILL.md: YAML frontmatter (name: lowercase letters, digits and single hyphens, at most 64 chars; description: what it does and when to use it, at most 1024 chars, no < or >; version; tools: the exact names of the tools skill.py serves; optional tags) followed by Markdown instructions for an agent.
- skill.py: an MCP stdio server. It MUST import FastMCP with this exact fallback:
    try:
        from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
    except ImportError:
        from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock
  then create \`mcp = FastMCP("<name>", instructions="...")\`, define each tool with \`@mcp.tool()\`, and end with \`if __name__ == "__main__": mcp.run()\`.
- examples.json: a JSON list of {"tool", "arguments", "expect"} that the tester calls; "expect" is a substring of the text result or a JSON subset of the returned dict. Give at least one example per tool, with small inputs whose results you are sure of.

Rules:
- Python 3.10+ standard library only, unless you declare dependencies in a PEP 723 "# /// script" block.
- Every tool parameter and return value is type-annotated; tools return JSON-serializable dicts and raise ValueError with a helpful message on bad input.
- No network access unless the skill needs it; then list the domains in SKILL.md under metadata.skilldock.network. Credentials only from environment variables declared in metadata.skilldock.credentials ([{name, description, required}]).
- Never run shell commands, eval/exec, or read or write files outside what the user passes in; no obfuscation.
- Answer with the files only, each wrapped exactly as <file path="NAME">…</file>, using the paths SKILL.md, skill.py and examples.json. No other text.

A complete example:
${EXAMPLE}`
}

export function firstRequest(intent: string, name: string): string {
  return `Write a skill for this intent: ${intent.trim()}\nThe skill's name is "${name}" (use it in SKILL.md and in FastMCP("${name}")).`
}

/** The repair message: what failed, so the model can fix it. */
export function repairRequest(problems: string): string {
  return `The skill failed validation or its test run. Fix these problems and answer with the complete corrected files (all of them, same format):\n${problems}`
}

const FILE_RE = /<file path="([^"]+)">\r?\n?([\s\S]*?)<\/file>/g
const ALLOWED = new Set(['SKILL.md', 'skill.py', 'examples.json'])

/** The files of a model answer, or a message saying what is wrong with the answer. */
export function parseFiles(text: string): SkillFiles | string {
  const files: SkillFiles = {}
  for (const match of text.matchAll(FILE_RE)) {
    const path = match[1] ?? ''
    if (!ALLOWED.has(path))
      return `unexpected file "${path}": only SKILL.md, skill.py and examples.json are allowed`
    files[path] = (match[2] ?? '').replace(/\s+$/, '') + '\n'
  }
  if (!files['SKILL.md']) return 'the answer has no <file path="SKILL.md"> block'
  if (!files['skill.py']) return 'the answer has no <file path="skill.py"> block'
  return files
}

/** Forces the frontmatter name to the staging folder's name, so the draft is indexed under it. */
export function withName(md: string, name: string): string {
  return /^name:.*$/m.test(md) ? md.replace(/^name:.*$/m, `name: ${name}`) : md
}

/** The failures of a validation report and a test report, one per line, for the model and the user. */
export function describeProblems(validation: ValidationReport, test: SkillTestReport | null): string {
  const lines = validation.errors.map(
    (e) => `- SKILL.md ${e.code}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`,
  )
  for (const check of test?.checks ?? []) {
    if (check.status === 'fail') lines.push(`- ${check.label}: ${check.detail}`)
  }
  return lines.join('\n')
}
