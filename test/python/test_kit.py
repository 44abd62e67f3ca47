"""End-to-end tests of the standard-library MCP kit (resources/python/skilldock_mcp): lifecycle, tools.

Skills are written to temp dirs, started with ``python3 -I resources/python/launch.py``
and driven over stdin/stdout with newline-delimited JSON-RPC, exactly as SkillDock does. The
resources, prompts, framing, in-process and 2026-era suites are in test_kit_protocol.py.

Run from the repository root:  python3 -m unittest discover -s test/python -t test/python
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import unittest

from kit_support import LAUNCH, TIMEOUT, Server, text_of, SERVER, start_shared_server, stop_shared_server

# One initialized skill process for the module's tests that share it (kit_support.SERVER).
setUpModule = start_shared_server
tearDownModule = stop_shared_server


class LifecycleTests(unittest.TestCase):
    def test_version_negotiation(self) -> None:
        for version in ("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"):
            result = SERVER.result("initialize", {"protocolVersion": version, "capabilities": {}})
            self.assertEqual(result["protocolVersion"], version)
        result = SERVER.result("initialize", {"protocolVersion": "1999-01-01", "capabilities": {}})
        self.assertEqual(result["protocolVersion"], "2025-11-25")
        self.assertEqual(result["serverInfo"]["name"], "test-skill")
        self.assertTrue(result["serverInfo"]["version"])
        self.assertEqual(result["instructions"], "Use these tools for testing.")
        caps = result["capabilities"]
        self.assertEqual(caps["tools"], {"listChanged": False})
        self.assertEqual(caps["resources"], {"subscribe": False, "listChanged": False})
        self.assertEqual(caps["prompts"], {"listChanged": False})
        self.assertEqual(caps["logging"], {})

    def test_ping_and_unknown_method(self) -> None:
        self.assertEqual(SERVER.result("ping"), {})
        error = SERVER.request("no/such/method")["error"]
        self.assertEqual(error["code"], -32601)

    def test_eof_exits_zero_after_answering_pending_requests(self) -> None:
        server = Server()
        rid = server.start("tools/call", {"name": "sleepy", "arguments": {"seconds": 0.2}})
        self.assertEqual(server.close(), 0)  # stdin closed right away
        self.assertEqual(text_of(server.find(rid)["result"]), "slept 0.2")
        self.assertEqual(server.raw, [])

    def test_launch_sets_argv_path_and_bytecode(self) -> None:
        info = SERVER.call("launch_info")["structuredContent"]
        self.assertEqual(info, {"argv": ["--mode", "test"], "helper": "from-helper", "bytecode": True})

    def test_missing_skill_file_exits_2(self) -> None:
        proc = subprocess.run([sys.executable, "-I", str(LAUNCH), "/nonexistent/skill.py"],
                              capture_output=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"not found", proc.stderr)
        self.assertEqual(proc.stdout, b"")


class ToolListTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.tools = {t["name"]: t for t in SERVER.result("tools/list", {"cursor": None})["tools"]}

    def test_add_schema_and_description(self) -> None:
        add = self.tools["add"]
        self.assertEqual(add["description"], "Add two numbers.\n\nReturns the sum.")
        self.assertEqual(add["inputSchema"], {
            "type": "object",
            "properties": {"a": {"title": "A", "type": "integer"},
                           "b": {"default": 2, "title": "B", "type": "integer"}},
            "required": ["a"],
            "title": "addArguments",
        })
        self.assertEqual(add["outputSchema"], {
            "properties": {"result": {"title": "Result", "type": "integer"}},
            "required": ["result"], "title": "addOutput", "type": "object",
        })

    def test_hint_kinds(self) -> None:
        schema = self.tools["kinds"]["inputSchema"]
        props = schema["properties"]
        self.assertEqual(props["s"]["type"], "string")
        self.assertEqual(props["i"]["type"], "integer")
        self.assertEqual(props["f"]["type"], "number")
        self.assertEqual(props["flag"]["type"], "boolean")
        self.assertEqual(props["nums"], {"items": {"type": "integer"}, "title": "Nums", "type": "array"})
        self.assertEqual(props["names"]["items"], {"type": "string"})
        self.assertEqual(props["pair"]["prefixItems"], [{"type": "integer"}, {"type": "string"}])
        self.assertEqual(props["pair"]["minItems"], 2)
        self.assertEqual(props["counts"]["additionalProperties"], {"type": "integer"})
        self.assertEqual(props["anymap"]["type"], "object")
        null_int = [{"type": "integer"}, {"type": "null"}]
        self.assertEqual(props["maybe"], {"anyOf": null_int, "default": None, "title": "Maybe"})
        self.assertEqual(props["alt"]["anyOf"], null_int)
        self.assertEqual(props["mode"]["enum"], ["fast", "slow"])
        self.assertEqual(props["mode"]["default"], "fast")
        self.assertEqual(props["color"]["enum"], ["red", "blue"])
        self.assertEqual(props["color"]["default"], "red")
        self.assertEqual(props["anything"], {"default": None, "title": "Anything"})
        self.assertEqual(props["untyped"], {"default": None, "title": "Untyped"})
        self.assertNotIn("ctx", props)
        self.assertEqual(schema["required"], ["s", "i", "f", "flag", "nums", "names", "pair", "counts", "anymap"])

    def test_output_schemas(self) -> None:
        self.assertEqual(self.tools["listy"]["outputSchema"]["properties"]["result"]["type"], "array")
        self.assertEqual(self.tools["kinds"]["outputSchema"]["type"], "object")
        self.assertNotIn("outputSchema", self.tools["untyped_result"])
        self.assertNotIn("ctx", self.tools["logs"]["inputSchema"]["properties"])


class ToolCallTests(unittest.TestCase):
    def test_defaults_and_structured_result(self) -> None:
        result = SERVER.call("add", a=1)
        self.assertEqual(result["content"], [{"type": "text", "text": "3"}])
        self.assertEqual(result["structuredContent"], {"result": 3})
        self.assertFalse(result.get("isError"))
        self.assertEqual(SERVER.call("add", a=1, b=5)["structuredContent"], {"result": 6})

    def test_coercion(self) -> None:
        self.assertEqual(SERVER.call("scale", x=3)["structuredContent"], {"result": 6.0})
        result = SERVER.call("kinds", s="x", i=1, f=2, flag=True, nums="[1, 2]", names=["n"],
                             pair=[1, "b"], counts={"a": 1}, anymap={"z": [1]}, maybe=None,
                             alt=4, mode="slow", color="blue", anything={"q": 1})
        data = result["structuredContent"]
        self.assertEqual(data["values"]["nums"], [1, 2])
        self.assertEqual(data["values"]["pair"], [1, "b"])
        self.assertEqual(data["types"], {
            "s": "str", "i": "int", "f": "float", "flag": "bool", "nums": "list", "names": "list",
            "pair": "tuple", "counts": "dict", "anymap": "dict", "maybe": "NoneType", "alt": "int",
            "mode": "str", "color": "Color", "anything": "dict", "untyped": "NoneType", "ctx": "Context",
        })
        self.assertEqual(json.loads(text_of(result)), data)

    def test_type_errors_are_tool_errors(self) -> None:
        result = SERVER.call("add", a="abc")
        self.assertTrue(result["isError"])
        self.assertIn("Error executing tool add", text_of(result))
        self.assertIn("\na\n", text_of(result))
        missing = SERVER.call("add", b=1)
        self.assertTrue(missing["isError"])
        self.assertIn("a\n  Field required", text_of(missing))
        for bad in ({"s": 1}, {"mode": "medium"}, {"color": "green"}, {"nums": ["x"]}):
            args = dict(s="x", i=1, f=1.0, flag=False, nums=[], names=[], pair=[1, "a"],
                        counts={}, anymap={}, **{})
            args.update(bad)
            with self.subTest(bad=bad):
                self.assertTrue(SERVER.call("kinds", **args)["isError"])

    def test_exception_becomes_error_result(self) -> None:
        result = SERVER.call("boom")
        self.assertEqual(result["content"], [{"type": "text", "text": "Error executing tool boom: kaboom"}])
        self.assertTrue(result["isError"])

    def test_unknown_tool(self) -> None:
        error = SERVER.request("tools/call", {"name": "nope", "arguments": {}})["error"]
        self.assertEqual(error["code"], -32602)
        self.assertIn("nope", error["message"])

    def test_print_does_not_corrupt_stdout(self) -> None:
        self.assertEqual(text_of(SERVER.call("noisy")), "quiet")
        SERVER.wait_until(lambda: b"printed-by-child" in SERVER.stderr and b"printed-by-tool" in SERVER.stderr)
        self.assertEqual(SERVER.raw, [])

    def test_async_tool(self) -> None:
        self.assertEqual(text_of(SERVER.call("async_echo", text="hi")), "HI")

    def test_result_kinds(self) -> None:
        self.assertEqual(SERVER.call("nothing")["content"], [])
        listy = SERVER.call("listy")
        self.assertEqual(listy["structuredContent"], {"result": ["a", "é"]})
        self.assertEqual(json.loads(text_of(listy)), ["a", "é"])
        self.assertIn("é", text_of(listy))  # ensure_ascii=False
        self.assertEqual(SERVER.call("untyped_result")["structuredContent"], {"k": 1})

    def test_concurrent_calls_answered_out_of_order(self) -> None:
        slow = SERVER.start("tools/call", {"name": "sleepy", "arguments": {"seconds": 0.4}})
        medium = SERVER.start("tools/call", {"name": "async_sleepy", "arguments": {"seconds": 0.2}})
        fast = SERVER.start("ping")
        SERVER.response(slow)
        arrival = {rid: t for t, m in SERVER.messages for rid in (slow, medium, fast) if isinstance(m, dict) and m.get("id") == rid}
        self.assertLess(arrival[fast], arrival[medium])
        self.assertLess(arrival[medium], arrival[slow])

    def test_plain_tools_never_wait_for_each_other_and_reuse_idle_threads(self) -> None:
        # More blocking calls at once than idle workers are kept: all twelve run at the same time.
        args = {"key": "twelve", "parties": 12}
        ids = [SERVER.start("tools/call", {"name": "rendezvous", "arguments": args}) for _ in range(12)]
        self.assertEqual([text_of(SERVER.response(rid)["result"]) for rid in ids], ["met"] * 12)
        # Quick calls one after another run on an idle worker: no thread per call piles up.
        before = SERVER.call("thread_count")["structuredContent"]["result"]
        for _ in range(40):
            self.assertEqual(text_of(SERVER.call("add", a=1)), "3")
        after = SERVER.call("thread_count")["structuredContent"]["result"]
        self.assertLessEqual(after, before)

    def test_a_tool_raising_an_unprintable_base_exception_is_answered(self) -> None:
        reply = SERVER.call("unprintable")
        self.assertTrue(reply["isError"])
        self.assertIn("Unprintable", text_of(reply))
        self.assertEqual(text_of(SERVER.call("add", a=1)), "3")

    def test_cancellation(self) -> None:
        sync_id = SERVER.start("tools/call", {"name": "sleepy", "arguments": {"seconds": 0.3}})
        async_id = SERVER.start("tools/call", {"name": "async_sleepy", "arguments": {"seconds": 0.3}})
        for rid in (sync_id, async_id):
            SERVER.send({"jsonrpc": "2.0", "method": "notifications/cancelled",
                         "params": {"requestId": rid, "reason": "test"}})
        self.assertEqual(SERVER.result("ping"), {})
        time.sleep(0.5)  # both calls would have finished by now
        self.assertIsNone(SERVER.find(sync_id))
        self.assertIsNone(SERVER.find(async_id))
        self.assertEqual(text_of(SERVER.call("add", a=2)), "4")

    def test_logging_and_progress_notifications(self) -> None:
        start = len(SERVER.messages)
        reply = SERVER.result("tools/call", {"name": "logs", "arguments": {}, "_meta": {"progressToken": "tok"}})
        self.assertEqual(text_of(reply), "logged")
        notes = [m for m in SERVER.since(start) if "method" in m]
        self.assertIn({"jsonrpc": "2.0", "method": "notifications/message",
                       "params": {"level": "info", "data": "working"}}, notes)
        self.assertIn({"jsonrpc": "2.0", "method": "notifications/progress",
                       "params": {"progressToken": "tok", "progress": 1, "total": 2, "message": "halfway"}}, notes)
        # after logging/setLevel error, info messages are no longer sent
        self.assertEqual(SERVER.result("logging/setLevel", {"level": "error"}), {})
        start = len(SERVER.messages)
        SERVER.call("logs")
        self.assertFalse([m for m in SERVER.since(start) if m.get("method") == "notifications/message"])
        SERVER.result("logging/setLevel", {"level": "debug"})
