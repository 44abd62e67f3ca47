import { contentWords } from './intent'

export interface SkillFiles {
  [path: string]: string
}

/** What a template's tool looks like: derived from the intent's words. */
export function templateTool(intent: string): { tool: string; param: string; type: 'str' | 'float' } {
  const content = contentWords(intent)
  const tool = (content.slice(0, 3).join('_') || 'run').replace(/^(\d)/, 't_$1')
  const all = new Set(content)
  if (all.has('url') || all.has('urls') || all.has('website') || all.has('page'))
    return { tool, param: 'url', type: 'str' }
  if (all.has('file') || all.has('files') || all.has('path') || all.has('folder'))
    return { tool, param: 'path', type: 'str' }
  if (all.has('number') || all.has('numbers') || all.has('amount') || all.has('value')) {
    return { tool, param: 'value', type: 'float' }
  }
  const object = content.slice(1, 3).join('_')
  return { tool, param: object && /^[a-z]/.test(object) ? object : 'text', type: 'str' }
}

const quote = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

/**
 * The offline template (no model configured): a valid, runnable skill whose one tool raises a clear
 * "not implemented yet" error. It is labelled a template in its description, tags and body, so it is
 * never mistaken for a finished skill.
 */
export function templateSkill(name: string, intent: string): SkillFiles {
  const { tool, param, type } = templateTool(intent)
  const clean = intent.trim().replace(/\s+/g, ' ').replace(/[<>]/g, '')
  const description = `TEMPLATE (needs an author): ${clean}. Generated offline without a model; the tool is not implemented yet.`
  const md = `---
name: ${name}
description: "${quote(description.slice(0, 1000))}"
version: "0.0.1"
tools:
  - ${tool}
tags:
  - template
  - generated
metadata:
  skilldock:
    generatedBy: offline-template
---

# ${name}

> **Template.** SkillDock generated this skill offline from the intent below because no model
> provider is configured. The tool exists so the skill validates and starts, but it only raises a
> "not implemented yet" error. Write the body of \`${tool}\` in \`skill.py\`, add an
> \`examples.json\`, then run \`skilldock test ${name}\`.

Intent: ${clean}

## Tools

### \`${tool}(${param})\`

Example call once implemented:

\`\`\`json
{ "tool": "${tool}", "arguments": { "${param}": ${type === 'float' ? '1.0' : '"..."'} } }
\`\`\`
`
  const py = `"""${quote(name)}: TEMPLATE generated offline by SkillDock; the tool still needs an author."""

from __future__ import annotations

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP("${name}", instructions="TEMPLATE: ${quote(clean)}. Not implemented yet.")

INTENT = "${quote(clean)}"


@mcp.tool()
def ${tool}(${param}: ${type}) -> dict:
    """${quote(clean)} (TEMPLATE: not implemented yet).

    Args:
        ${param}: The input to work on.
    """
    # TODO(author): implement the intent above and return a JSON-serializable dict.
    raise NotImplementedError(
        f"not implemented yet: {INTENT}. This skill is a template generated offline; "
        "an author must write the tool body in skill.py."
    )


if __name__ == "__main__":
    mcp.run()
`
  return { 'SKILL.md': md, 'skill.py': py }
}
