const PLACEHOLDER = 'Says what the skill does and when to use it. Use when …'

/** The editor's "new skill" template: a minimal valid SKILL.md and, when asked, a runnable skill.py. */
export function newSkillFiles(
  name: string,
  withServer: boolean,
  description?: string,
): Record<string, string> {
  const tools = withServer ? 'tools:\n  - hello\n' : ''
  // A JSON string is a valid YAML double-quoted scalar: colons, quotes and '#' stay text.
  const text = JSON.stringify((description ?? PLACEHOLDER).replace(/\s+/g, ' ').trim())
  const md = `---
name: ${name}
description: ${text}
version: "0.1.0"
${tools}---

# ${name}

Explain, step by step, what an agent should do with this skill.
${withServer ? '\n## Tools\n\n- `hello(name)`: greets someone by name.\n' : ''}`
  if (!withServer) return { 'SKILL.md': md }
  const py = `"""${name}: an MCP server for the skill's tools."""

from __future__ import annotations

try:
    from mcp.server.mcpserver import MCPServer  # official MCP Python SDK (v2), when installed
except ImportError:
    from skilldock_mcp import FastMCP as MCPServer  # stdlib kit shipped with SkillDock, both MCP eras

mcp = MCPServer("${name}")


@mcp.tool()
def hello(name: str) -> dict:
    """Greets someone by name.

    Args:
        name: Who to greet.
    """
    return {"greeting": f"Hello, {name}!"}


if __name__ == "__main__":
    mcp.run()
`
  return { 'SKILL.md': md, 'skill.py': py }
}
