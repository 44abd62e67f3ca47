"""The stdlib MCP kit over the wire, part two: resources, prompts, JSON-RPC framing, in-process schema
checks and the 2026-07-28 era. Lifecycle and tools: test_kit.py; the test skill and Server: kit_support.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unittest
from typing import Annotated, Any, Optional

from kit_support import KIT_DIR, Server, Point, text_of, SERVER, start_shared_server, stop_shared_server

# One initialized skill process for the module's tests that share it (kit_support.SERVER).
setUpModule = start_shared_server
tearDownModule = stop_shared_server


class ResourceAndPromptTests(unittest.TestCase):
    def test_resource_lists(self) -> None:
        resources = {r["uri"]: r for r in SERVER.result("resources/list")["resources"]}
        self.assertEqual(set(resources), {"config://app", "data://blob"})
        self.assertEqual(resources["config://app"]["description"], "App config")
        self.assertEqual(resources["config://app"]["mimeType"], "text/plain")
        templates = {t["uriTemplate"]: t for t in SERVER.result("resources/templates/list")["resourceTemplates"]}
        self.assertEqual(set(templates), {"greeting://{name}", "items://{item_id}/detail"})
        self.assertEqual(templates["greeting://{name}"]["name"], "greet")
        self.assertEqual(templates["greeting://{name}"]["description"], "Greet someone.")

    def test_resource_reads(self) -> None:
        self.assertEqual(SERVER.result("resources/read", {"uri": "config://app"})["contents"],
                         [{"uri": "config://app", "mimeType": "text/plain", "text": "debug=true"}])
        blob = SERVER.result("resources/read", {"uri": "data://blob"})["contents"][0]
        self.assertEqual(blob["blob"], "AAEC/w==")
        greeting = SERVER.result("resources/read", {"uri": "greeting://Ada"})["contents"][0]
        self.assertEqual(greeting["text"], "Hello, Ada!")
        item = SERVER.result("resources/read", {"uri": "items://21/detail"})["contents"][0]
        self.assertEqual(json.loads(item["text"]), {"id": 21, "double": 42})
        error = SERVER.request("resources/read", {"uri": "nothing://here"})["error"]
        self.assertEqual(error["code"], -32002)
        self.assertEqual(error["message"], "Resource not found")

    def test_prompts(self) -> None:
        prompts = {p["name"]: p for p in SERVER.result("prompts/list")["prompts"]}
        self.assertEqual(prompts["review"]["description"], "Review some code.")
        self.assertEqual(prompts["review"]["arguments"], [{"name": "code", "required": True},
                                                          {"name": "lang", "required": False}])
        got = SERVER.result("prompts/get", {"name": "review", "arguments": {"code": "x = 1"}})
        self.assertEqual(got["messages"], [{"role": "user", "content": {
            "type": "text", "text": "Please review this python code:\nx = 1"}}])
        chat = SERVER.result("prompts/get", {"name": "chat", "arguments": {"topic": "owls"}})["messages"]
        self.assertEqual([m["role"] for m in chat], ["user", "assistant", "user"])
        self.assertEqual(chat[2]["content"], {"type": "text", "text": "Go on."})
        error = SERVER.request("prompts/get", {"name": "review", "arguments": {}})["error"]
        self.assertEqual(error["code"], -32602)
        self.assertIn("code", error["message"])


class FramingTests(unittest.TestCase):
    def test_malformed_json_then_keeps_serving(self) -> None:
        start = len(SERVER.messages)
        SERVER.send(b"{not json\n")
        error = SERVER.wait_until(lambda: [m for m in SERVER.since(start) if m.get("id", 0) is None])
        self.assertEqual(error[0]["error"]["code"], -32700)
        self.assertEqual(SERVER.result("ping"), {})

    def test_invalid_requests(self) -> None:
        for payload in ({"jsonrpc": "2.0", "id": 77}, 42, []):
            start = len(SERVER.messages)
            SERVER.send(payload)
            reply = SERVER.wait_until(lambda: [m for m in SERVER.since(start) if "error" in m])
            self.assertEqual(reply[0]["error"]["code"], -32600, payload)
        self.assertEqual(SERVER.result("ping"), {})

    def test_batch(self) -> None:
        a, b = SERVER.new_id(), SERVER.new_id()
        start = len(SERVER.messages)
        SERVER.send([{"jsonrpc": "2.0", "id": a, "method": "ping"},
                     {"jsonrpc": "2.0", "method": "notifications/initialized"},
                     {"jsonrpc": "2.0", "id": b, "method": "tools/call",
                      "params": {"name": "add", "arguments": {"a": 40}}}])
        batch = SERVER.wait_until(lambda: [m for _, m in SERVER.messages[start:] if isinstance(m, list)])[0]
        self.assertEqual({r["id"] for r in batch}, {a, b})

    def test_oversized_line(self) -> None:
        start = len(SERVER.messages)
        SERVER.send(b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"' + b"a" * (16 * 1024 * 1024) + b'"}}\n')
        error = SERVER.wait_until(lambda: [m for m in SERVER.since(start) if m.get("id", 0) is None])
        self.assertEqual(error[0]["error"]["code"], -32700)
        self.assertEqual(SERVER.result("ping"), {})


class InProcessTests(unittest.TestCase):
    """Schema/validation details checked without a subprocess."""

    @classmethod
    def setUpClass(cls) -> None:
        sys.path.insert(0, str(KIT_DIR))
        sys.dont_write_bytecode = True  # keep __pycache__ out of resources/python
        import skilldock_mcp

        cls.kit = skilldock_mcp

    @classmethod
    def tearDownClass(cls) -> None:
        sys.path.remove(str(KIT_DIR))

    def test_decorators_return_function_and_more_hints(self) -> None:
        mcp = self.kit.FastMCP("unit")

        def fn(p: Point, opt: Optional[str], rest: tuple[int, ...] = (), tags: set[str] = frozenset(),
               note: Annotated[str, "A note"] = "") -> Point:
            return p

        self.assertIs(mcp.tool()(fn), fn)
        tool = mcp._tools["fn"]
        props = tool.to_dict()["inputSchema"]["properties"]
        self.assertEqual(props["p"]["properties"]["x"], {"title": "X", "type": "integer"})
        self.assertEqual(props["p"]["required"], ["x"])
        self.assertEqual(props["rest"]["items"], {"type": "integer"})
        self.assertTrue(props["tags"]["uniqueItems"])
        self.assertEqual(props["note"]["description"], "A note")
        self.assertEqual(tool.to_dict()["inputSchema"]["required"], ["p", "opt"])  # Optional w/o default
        kwargs = tool.metadata.validate({"p": {"x": "3"}, "opt": None, "rest": [1, 2]})
        self.assertEqual(kwargs["p"], Point(3, 0))
        self.assertEqual(kwargs["rest"], (1, 2))
        with self.assertRaises(TypeError):
            mcp.tool(fn)  # @mcp.tool without parentheses, as the SDK refuses it


MODERN = "2026-07-28"


def envelope(**extra: Any) -> dict:
    """The per-request ``_meta`` of the 2026-07-28 era (no initialize ever runs)."""
    meta = {"io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientInfo": {"name": "modern-tests", "version": "0"},
            "io.modelcontextprotocol/clientCapabilities": {}}
    meta.update(extra)
    return {"_meta": meta}


class ModernEraTests(unittest.TestCase):
    """A 2026-07-28 client: server/discover, then enveloped requests on a fresh process."""

    def setUp(self) -> None:
        self.server = Server()

    def tearDown(self) -> None:
        self.assertEqual(self.server.close(), 0)

    def test_discover_offers_both_eras_and_names_the_server(self) -> None:
        result = self.server.result("server/discover", envelope())
        self.assertEqual(result["resultType"], "complete")
        self.assertEqual(result["supportedVersions"][0], MODERN)
        self.assertIn("2025-06-18", result["supportedVersions"])
        self.assertEqual(result["capabilities"]["tools"], {"listChanged": False})
        self.assertEqual(result["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], "test-skill")
        self.assertEqual(result["instructions"], "Use these tools for testing.")

    def test_tools_without_initialize(self) -> None:
        listed = self.server.result("tools/list", envelope())
        self.assertEqual(listed["resultType"], "complete")
        self.assertEqual(listed["cacheScope"], "private")
        self.assertGreater(listed["ttlMs"], 0)
        self.assertIn("add", [t["name"] for t in listed["tools"]])
        called = self.server.result("tools/call", {"name": "add", "arguments": {"a": 2, "b": 3}, **envelope()})
        self.assertEqual(text_of(called), "5")
        self.assertEqual(called["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], "test-skill")

    def test_logs_only_at_the_level_the_request_asks(self) -> None:
        start = len(self.server.messages)
        self.server.result("tools/call", {"name": "logs", "arguments": {}, **envelope()})
        logs = [m for m in self.server.since(start) if m.get("method") == "notifications/message"]
        self.assertEqual(logs, [])  # no logLevel in the envelope: no log notifications
        start = len(self.server.messages)
        meta = envelope(**{"io.modelcontextprotocol/logLevel": "info"})
        self.server.result("tools/call", {"name": "logs", "arguments": {}, **meta})
        logs = [m for m in self.server.since(start) if m.get("method") == "notifications/message"]
        self.assertEqual([m["params"]["data"] for m in logs], ["working"])

    def test_unknown_version_names_the_supported_ones(self) -> None:
        meta = envelope(**{"io.modelcontextprotocol/protocolVersion": "2099-01-01"})
        error = self.server.request("tools/list", meta)["error"]
        self.assertEqual(error["code"], -32022)
        self.assertIn(MODERN, error["data"]["supported"])
        self.assertEqual(error["data"]["requested"], "2099-01-01")

    def test_legacy_requests_on_the_same_kit_are_unchanged(self) -> None:
        listed = self.server.result("tools/list")
        self.assertNotIn("resultType", listed)
        self.assertNotIn("_meta", listed)


if __name__ == "__main__":
    unittest.main()
