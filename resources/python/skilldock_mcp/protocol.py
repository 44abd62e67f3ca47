"""Newline-delimited JSON-RPC 2.0 over a pair of binary streams (MCP's stdio transport).

A daemon thread reads lines and hands them to the asyncio loop. Every request runs as
its own task, so several can be in flight and are answered as they finish (possibly out
of order). ``notifications/cancelled`` cancels the matching task and suppresses its
response. Writes are serialized with a lock because worker threads also send
notifications. Lenient where the spec allows: ``jsonrpc`` may be omitted (a wrong value
is refused), and JSON arrays are handled as JSON-RPC batches answered with one array.
At EOF the loop waits for in-flight requests, then returns.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import traceback
from typing import Any, BinaryIO, Protocol

from .errors import INTERNAL_ERROR, INVALID_PARAMS, INVALID_REQUEST, PARSE_ERROR, RpcError

MAX_LINE = 16 * 1024 * 1024  # longer lines are answered with a parse error and skipped
_TOO_LONG = object()


class Handler(Protocol):
    async def handle_request(self, request: "Request") -> Any: ...
    def handle_notification(self, method: str, params: dict[str, Any]) -> None: ...


class Request:
    """One incoming request: what a handler (and a tool's Context) needs to know."""

    __slots__ = ("id", "method", "params", "meta", "cancelled", "_connection")

    def __init__(self, connection: "Connection", rid: Any, method: str, params: dict[str, Any]):
        self.id, self.method, self.params = rid, method, params
        meta = params.get("_meta")
        self.meta: dict[str, Any] = meta if isinstance(meta, dict) else {}
        self.cancelled = threading.Event()
        self._connection = connection

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification on behalf of this request (dropped once it is cancelled)."""
        if not self.cancelled.is_set():
            self._connection.notify(method, params)


def _error(rid: Any, code: int, message: str, data: Any = None) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": rid, "error": RpcError(code, message, data).to_dict()}


def _encode(message: Any) -> bytes:
    try:
        text = json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # lone surrogates: fall back to \u escapes
        return json.dumps(message, separators=(",", ":"), allow_nan=False).encode("ascii") + b"\n"


class Connection:
    def __init__(self, handler: Handler, reader: BinaryIO, writer: BinaryIO):
        self._handler, self._reader, self._writer = handler, reader, writer
        self._lock = threading.Lock()
        self._closed = False
        self._tasks: set[asyncio.Task] = set()
        self._inflight: dict[Any, tuple[asyncio.Task, Request]] = {}

    # -- output ----------------------------------------------------------------------
    def send(self, message: Any) -> None:
        """Write one message (thread-safe). A vanished client is remembered, not raised."""
        try:
            data = _encode(message)
        except (TypeError, ValueError) as exc:  # not JSON-serializable: report instead
            rid = message.get("id") if isinstance(message, dict) else None
            data = _encode(_error(rid, INTERNAL_ERROR, f"Internal error: unserializable result: {exc}"))
        with self._lock:
            if self._closed:
                return
            try:
                self._writer.write(data)
                self._writer.flush()
            except (OSError, ValueError):
                self._closed = True

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    # -- input -----------------------------------------------------------------------
    async def serve(self) -> None:
        """Process input until EOF, then wait for requests still running."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        threading.Thread(target=self._read_lines, args=(loop, queue), name="mcp-stdin", daemon=True).start()
        while (line := await queue.get()) is not None:
            self._on_line(line)
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    def _read_lines(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue) -> None:
        def put(item: Any) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # loop closed
                pass

        try:
            while line := self._reader.readline(MAX_LINE + 1):
                if len(line) > MAX_LINE and not line.endswith(b"\n"):
                    while (rest := self._reader.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # skip the remainder of the oversized line
                    line = _TOO_LONG
                put(line)
        except (OSError, ValueError):
            pass
        finally:
            put(None)

    def _on_line(self, line: Any) -> None:
        if line is _TOO_LONG:
            self.send(_error(None, PARSE_ERROR, f"Parse error: message longer than {MAX_LINE} bytes"))
            return
        if not line.strip():
            return
        try:
            message = json.loads(line)
        except (ValueError, RecursionError) as exc:  # includes UnicodeDecodeError
            self.send(_error(None, PARSE_ERROR, f"Parse error: {exc}"))
            return
        if isinstance(message, list):
            if not message:
                self.send(_error(None, INVALID_REQUEST, "Invalid Request: empty batch"))
                return
            self._spawn(self._batch([self._accept(m) for m in message]))
            return
        outcome = self._accept(message)
        if isinstance(outcome, dict):
            self.send(outcome)
        elif outcome is not None:
            outcome.add_done_callback(self._send_task_result)

    def _send_task_result(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.result() is not None:
            self.send(task.result())

    async def _batch(self, outcomes: list[Any]) -> None:
        tasks = [o for o in outcomes if isinstance(o, asyncio.Task)]
        await asyncio.gather(*tasks, return_exceptions=True)
        replies = []
        for o in outcomes:
            if isinstance(o, asyncio.Task):
                o = None if o.cancelled() else o.result()
            if isinstance(o, dict):
                replies.append(o)
        if replies:
            self.send(replies)

    def _accept(self, message: Any) -> dict[str, Any] | asyncio.Task | None:
        """Validate one message. Returns an error reply, a task computing the reply, or None."""
        if not isinstance(message, dict):
            return _error(None, INVALID_REQUEST, "Invalid Request: expected a JSON object")
        has_id = "id" in message
        rid = message.get("id")
        valid_id = isinstance(rid, (str, int, float)) and not isinstance(rid, bool)
        method = message.get("method")
        if message.get("jsonrpc", "2.0") != "2.0":
            return _error(rid if valid_id else None, INVALID_REQUEST, 'Invalid Request: jsonrpc must be "2.0"')
        if not isinstance(method, str):
            if has_id and ("result" in message or "error" in message):
                return None  # a response to a server request; this server sends none
            return _error(rid if valid_id else None, INVALID_REQUEST, "Invalid Request: missing method")
        if has_id and not valid_id:
            return _error(None, INVALID_REQUEST, "Invalid Request: id must be a string or number")
        params = message.get("params")
        if params is None:
            params = {}
        if not isinstance(params, dict):
            return _error(rid, INVALID_PARAMS, "Invalid params: expected an object") if has_id else None
        if not has_id:
            self._on_notification(method, params)
            return None
        request = Request(self, rid, method, params)
        task = self._spawn(self._execute(request))
        self._inflight[rid] = (task, request)
        task.add_done_callback(lambda _t: self._forget(request))
        return task

    def _forget(self, request: Request) -> None:
        entry = self._inflight.get(request.id)
        if entry is not None and entry[1] is request:
            del self._inflight[request.id]

    def _on_notification(self, method: str, params: dict[str, Any]) -> None:
        if method == "notifications/cancelled":
            entry = self._inflight.get(params.get("requestId"))
            if entry is not None and entry[1].method != "initialize":
                entry[1].cancelled.set()
                entry[0].cancel()
            return
        try:
            self._handler.handle_notification(method, params)
        except Exception:  # noqa: BLE001 - notifications have no reply; just log
            traceback.print_exc(file=sys.stderr)

    async def _execute(self, request: Request) -> dict[str, Any] | None:
        try:
            result = await self._handler.handle_request(request)
        except asyncio.CancelledError:
            return None
        except RpcError as exc:
            return {"jsonrpc": "2.0", "id": request.id, "error": exc.to_dict()}
        except Exception as exc:  # noqa: BLE001 - a bug in a handler must not end the server
            traceback.print_exc(file=sys.stderr)
            return _error(request.id, INTERNAL_ERROR, f"Internal error: {exc}")
        if request.cancelled.is_set():
            return None
        return {"jsonrpc": "2.0", "id": request.id, "result": result}

    def _spawn(self, coro: Any) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
