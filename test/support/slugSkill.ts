/**
 * The skill a scripted model writes in the generator tests (a URL slugifier), and the model's answer
 * format: each file in a `<file path="…">` element. Plain strings, for vitest and Playwright alike.
 */

/** A model answer holding SKILL.md, skill.py and, when given, examples.json. */
export const modelFiles = (md: string, py: string, examples?: string) =>
  `<file path="SKILL.md">\n${md}</file>\n<file path="skill.py">\n${py}</file>\n` +
  (examples ? `<file path="examples.json">\n${examples}</file>\n` : '')

export const SLUG_MD = `---
name: whatever-the-model-says
description: Turns a title into a URL slug. Use when the user needs a slug for a page or file name.
version: "1.0.0"
tools:
  - slugify
---

# Slugify

Call \`slugify(title)\`.
`
/** skill.py with `body` as the slugify tool's body (indented four spaces). */
export const slugPy = (body: string) => `try:
    from mcp.server.fastmcp import FastMCP
except ImportError:
    from skilldock_mcp import FastMCP

mcp = FastMCP("slug")


@mcp.tool()
def slugify(title: str) -> dict:
    """Turn a title into a URL slug."""
${body}


if __name__ == "__main__":
    mcp.run()
`
/** A slugify body that passes the examples. */
const GOOD_BODY = `    import re
    return {"slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")}`
export const SLUG_EXAMPLES =
  '[{"tool": "slugify", "arguments": {"title": "Hello, World!"}, "expect": {"slug": "hello-world"}}]\n'

/** The model's answer with the working slugifier and its example. */
export const GOOD_SLUG_ANSWER = modelFiles(SLUG_MD, slugPy(GOOD_BODY), SLUG_EXAMPLES)
