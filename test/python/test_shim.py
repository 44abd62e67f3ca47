"""A skill written against the official SDK (v1 ``mcp.server.fastmcp``, v2 ``mcp.server.mcpserver``)
or the standalone ``fastmcp`` runs on the kit where those packages are absent, and an installed
package is never shadowed by the shim.

Run from the repository root:  python3 -m unittest discover -s test/python -t test/python
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

LAUNCH = Path(__file__).resolve().parents[2] / "resources" / "python" / "launch.py"

SKILL = """
{import_line}
mcp = {cls}("shimmed")


@mcp.tool()
def echo(text: str) -> str:
    \"\"\"Return the text.\"\"\"
    return text


if __name__ == "__main__":
    mcp.run()
"""

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}
CALL = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "echo", "arguments": {"text": "hi"}}}


def run_skill(source: str, env_extra: dict[str, str] | None = None) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        skill = Path(tmp) / "skill.py"
        skill.write_text(source)
        stdin = "".join(json.dumps(m) + "\n" for m in (INIT, INITIALIZED, CALL))
        env = {"PATH": os.environ.get("PATH", ""), **(env_extra or {})}
        done = subprocess.run([sys.executable, "-I", "-B", str(LAUNCH), str(skill)], input=stdin,
                              capture_output=True, text=True, timeout=30, env=env)
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def have(module: str) -> bool:
    probe = subprocess.run([sys.executable, "-I", "-c", f"import {module}"], capture_output=True)
    return probe.returncode == 0


class ShimTests(unittest.TestCase):
    def assert_echoes(self, import_line: str, cls: str) -> None:
        replies = run_skill(SKILL.format(import_line=import_line, cls=cls))
        call = next(r for r in replies if r.get("id") == 2)
        self.assertEqual(call["result"]["content"][0]["text"], "hi")

    def test_official_sdk_v1_import_runs_on_the_kit(self) -> None:
        if have("mcp.server.fastmcp"):
            self.skipTest("the official mcp package is installed here; it is used instead of the kit")
        self.assert_echoes("from mcp.server.fastmcp import FastMCP", "FastMCP")

    def test_official_sdk_v2_import_runs_on_the_kit(self) -> None:
        if have("mcp"):
            self.skipTest("the official mcp package is installed here; it is used instead of the kit")
        self.assert_echoes("from mcp.server.mcpserver import MCPServer", "MCPServer")

    def test_standalone_fastmcp_import_runs_on_the_kit(self) -> None:
        if have("fastmcp"):
            self.skipTest("the fastmcp package is installed here; it is used instead of the kit")
        self.assert_echoes("from fastmcp import FastMCP", "FastMCP")

    def test_the_shim_comes_after_site_packages(self) -> None:
        source = (
            "import sys, json\n"
            "shim = [i for i, p in enumerate(sys.path) if p.endswith('shim')]\n"
            "site = [i for i, p in enumerate(sys.path) if 'packages' in p]\n"
            "print(json.dumps({'jsonrpc': '2.0', 'id': 2, 'result': {'shim': shim, 'site': site}}))\n"
        )
        reply = run_skill(source)[0]["result"]
        self.assertEqual(len(reply["shim"]), 1)
        self.assertTrue(all(i < reply["shim"][0] for i in reply["site"]))
        self.assertEqual(reply["shim"][0], max(reply["shim"] + reply["site"]))


if __name__ == "__main__":
    unittest.main()
