"""End-to-end tests of the standard-library MCP kit (resources/python/skilldock_mcp).

Skills are written to temp dirs, started with ``python3 -I resources/python/launch.py``
and driven over stdin/stdout with newline-delimited JSON-RPC, exactly as SkillDock does.

Run from the repository root:  python3 -m unittest discover -s test/python -t test/python
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

ROOT = Path(__file__).resolve().parents[2]
KIT_DIR = ROOT / "resources" / "python"
LAUNCH = KIT_DIR / "launch.py"
TIMEOUT = 5.0

SKILL = '''
from __future__ import annotations

import asyncio
import enum
import subprocess
import sys
import time
from typing import Any, List, Literal, Optional

try:
    from mcp.server.fastmcp import FastMCP, Context
except ImportError:
    from skilldock_mcp import FastMCP, Context
from skilldock_mcp import AssistantMessage, UserMessage

import helper  # lives next to this file: the skill's folder must be on sys.path

mcp = FastMCP("test-skill", instructions="Use these tools for testing.")


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@mcp.tool()
def add(a: int, b: int = 2) -> int:
    """Add two numbers.

    Returns the sum.
    """
    return a + b


@mcp.tool()
def kinds(s: str, i: int, f: float, flag: bool, nums: list[int], names: List[str],
          pair: tuple[int, str], counts: dict[str, int], anymap: dict,
          maybe: Optional[int] = None, alt: int | None = None,
          mode: Literal["fast", "slow"] = "fast", color: Color = Color.RED,
          anything: Any = None, untyped=None, ctx: Context = None) -> dict:
    """Echo every argument with its Python type."""
    values = dict(s=s, i=i, f=f, flag=flag, nums=nums, names=names, pair=pair, counts=counts,
                  anymap=anymap, maybe=maybe, alt=alt, mode=mode, color=color.value,
                  anything=anything, untyped=untyped)
    types = {k: type(v).__name__ for k, v in values.items()}
    types["color"] = type(color).__name__
    types["ctx"] = type(ctx).__name__
    return {"values": values, "types": types}


@mcp.tool()
def scale(x: float, factor: float = 2) -> float:
    return x * factor


@mcp.tool()
def boom() -> str:
    raise ValueError("kaboom")


@mcp.tool()
def noisy() -> str:
    print("printed-by-tool")
    subprocess.run([sys.executable, "-c", "print('printed-by-child')"], check=True)
    return "quiet"


@mcp.tool()
async def async_echo(text: str) -> str:
    await asyncio.sleep(0.01)
    return text.upper()


@mcp.tool()
def sleepy(seconds: float) -> str:
    time.sleep(seconds)
    return f"slept {seconds}"


@mcp.tool()
async def async_sleepy(seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"async slept {seconds}"


@mcp.tool()
def nothing() -> None:
    return None


@mcp.tool()
def listy() -> list[str]:
    return ["a", "é"]


@mcp.tool()
def untyped_result():
    return {"k": 1}


@mcp.tool()
def logs(ctx: Context) -> str:
    ctx.info("working")
    ctx.report_progress(1, 2, "halfway")
    return "logged"


@mcp.tool()
def launch_info() -> dict:
    return {"argv": sys.argv[1:], "helper": helper.VALUE, "bytecode": sys.dont_write_bytecode}


@mcp.resource("config://app", description="App config")
def config() -> str:
    return "debug=true"


@mcp.resource("data://blob", mime_type="application/octet-stream")
def blob() -> bytes:
    return bytes([0, 1, 2, 255])


@mcp.resource("greeting://{name}")
def greet(name: str) -> str:
    """Greet someone."""
    return f"Hello, {name}!"


@mcp.resource("items://{item_id}/detail")
def item(item_id: int) -> dict:
    return {"id": item_id, "double": item_id * 2}


@mcp.prompt()
def review(code: str, lang: str = "python") -> str:
    """Review some code."""
    return f"Please review this {lang} code:\\n{code}"


@mcp.prompt()
def chat(topic: str) -> list:
    return [UserMessage(f"Tell me about {topic}"), AssistantMessage("Sure."),
            {"role": "user", "content": "Go on."}]


if __name__ == "__main__":
    mcp.run()
'''


class Server:
    """A skill process plus a background reader collecting its stdout messages."""

    def __init__(self, source: str = SKILL, args: tuple[str, ...] = ()):
        self.dir = tempfile.TemporaryDirectory()
        folder = Path(self.dir.name)
        (folder / "skill.py").write_text(textwrap.dedent(source), encoding="utf-8")
        (folder / "helper.py").write_text("VALUE = 'from-helper'\n", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-I", str(LAUNCH), str(folder / "skill.py"), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(ROOT),
        )
        self.messages: list[tuple[float, Any]] = []  # (arrival time, parsed message)
        self.raw: list[bytes] = []  # stdout lines that were not JSON (must stay empty)
        self.stderr = b""
        self.cond = threading.Condition()
        self._next_id = 1000
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        for line in self.proc.stdout:
            try:
                item = json.loads(line)
            except ValueError:
                self.raw.append(line)
                continue
            with self.cond:
                self.messages.append((time.monotonic(), item))
                self.cond.notify_all()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            with self.cond:
                self.stderr += line
                self.cond.notify_all()

    def send(self, message: Any) -> None:
        data = message if isinstance(message, bytes) else json.dumps(message).encode() + b"\n"
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def start(self, method: str, params: dict | None = None) -> int:
        rid = self.new_id()
        message = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return rid

    def wait_until(self, predicate: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not (found := predicate()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out; stderr:\n{self.stderr.decode(errors='replace')}")
                self.cond.wait(remaining)
            return found

    def since(self, start: int) -> list[dict]:
        """Single (non-batch) messages received after index ``start``."""
        return [m for _, m in self.messages[start:] if isinstance(m, dict)]

    def find(self, rid: Any) -> dict | None:
        for _, m in self.messages:
            if isinstance(m, dict) and "method" not in m and m.get("id") == rid:
                return m
        return None

    def response(self, rid: Any, timeout: float = TIMEOUT) -> dict:
        return self.wait_until(lambda: self.find(rid), timeout)

    def request(self, method: str, params: dict | None = None) -> dict:
        return self.response(self.start(method, params))

    def result(self, method: str, params: dict | None = None) -> Any:
        reply = self.request(method, params)
        assert "result" in reply, reply
        return reply["result"]

    def call(self, name: str, **arguments: Any) -> dict:
        return self.result("tools/call", {"name": name, "arguments": arguments})

    def close(self, timeout: float = TIMEOUT) -> int:
        if not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            return self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.proc.stdout.close()
            self.proc.stderr.close()
            self.dir.cleanup()


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


def text_of(result: dict) -> str:
    return result["content"][0]["text"]


SERVER: Server


def setUpModule() -> None:
    global SERVER
    SERVER = Server(args=("--mode", "test"))
    SERVER.result("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                 "clientInfo": {"name": "tests", "version": "0"}})
    SERVER.send({"jsonrpc": "2.0", "method": "notifications/initialized"})


def tearDownModule() -> None:
    assert SERVER.close() == 0


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
