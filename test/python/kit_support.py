"""What the stdlib MCP kit suites (test_kit*.py) share: the test skill, a driven skill process, fixtures.

Not a test module itself (no ``test_`` prefix); ``unittest discover -t test/python`` puts this folder
on ``sys.path``.
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
from pathlib import Path
from typing import Any, Callable

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
def thread_count() -> int:
    import threading
    return threading.active_count()


_BARRIERS: dict = {}


class Unprintable(BaseException):
    def __str__(self) -> str:
        raise ValueError("no words for it")


@mcp.tool()
def unprintable() -> str:
    raise Unprintable()


@mcp.tool()
def rendezvous(key: str, parties: int) -> str:
    """Returns once `parties` calls with this key run at the same time ("broken" after 5 s)."""
    import threading
    barrier = _BARRIERS.setdefault(key, threading.Barrier(parties, timeout=5))
    try:
        barrier.wait()
        return "met"
    except threading.BrokenBarrierError:
        return "broken"


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


class _SharedServer:
    """The module's one initialized skill process, reached as ``SERVER`` once ``setUpModule`` ran."""

    server: Server | None = None

    def __getattr__(self, name: str) -> Any:
        assert self.server is not None, "the shared server starts in setUpModule"
        return getattr(self.server, name)


SERVER: Any = _SharedServer()


def start_shared_server() -> None:
    """``setUpModule`` of a kit suite: one initialized skill process for its shared-server tests."""
    server = Server(args=("--mode", "test"))
    server.result("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                 "clientInfo": {"name": "tests", "version": "0"}})
    server.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    SERVER.server = server


def stop_shared_server() -> None:
    """``tearDownModule``: the shared process must exit cleanly when its stdin closes."""
    server, SERVER.server = SERVER.server, None
    assert server is not None and server.close() == 0
