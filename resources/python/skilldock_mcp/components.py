"""Registered tools, resources, resource templates and prompts, and how their functions are
called: ``async def`` functions run as asyncio tasks on the server loop; plain functions
run in a daemon worker thread each (an idle worker of an earlier call is reused, a new one
started when all are busy), so slow tools never block the protocol reader or each other and
a cancelled call can be abandoned."""

from __future__ import annotations

import asyncio
import base64
import contextvars
import inspect
import re
import threading
import urllib.parse
from typing import Any, Callable

from .content import dumps_pretty, to_jsonable, to_prompt_messages, to_tool_content
from .context import Context, set_current_context
from .errors import INTERNAL_ERROR, INVALID_PARAMS, RpcError
from .funcmeta import FuncMetadata, callable_name, clean_doc
from .validation import ArgumentError
from .schema import unwrap_annotated


async def invoke(meta: FuncMetadata, kwargs: dict[str, Any], ctx: Context | None) -> Any:
    """Call ``meta.fn(**kwargs)`` (injecting ``ctx``) without blocking the event loop."""
    if meta.context_param:
        kwargs = {**kwargs, meta.context_param: ctx if ctx is not None else Context()}
    if ctx is not None:
        set_current_context(ctx)  # visible via FastMCP.get_context(); tasks own their context copy
    if meta.is_async:
        result = meta.fn(**kwargs)
    else:
        result = await _run_in_thread(meta.fn, kwargs, meta.name)
    while inspect.isawaitable(result):
        result = await result
    return result


async def _run_in_thread(fn: Callable[..., Any], kwargs: dict[str, Any], name: str) -> Any:
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    context = contextvars.copy_context()

    def work() -> None:
        try:
            outcome = (future.set_result, context.run(fn, **kwargs))
        except Exception as exc:  # noqa: BLE001 - delivered to the awaiting task
            outcome = (future.set_exception, exc)
        except BaseException as exc:  # SystemExit etc. must not take the server down
            outcome = (future.set_exception, RuntimeError(_describe(exc)))

        def deliver() -> None:
            if not future.done():  # the call may have been cancelled meanwhile
                outcome[0](outcome[1])

        try:
            loop.call_soon_threadsafe(deliver)
        except RuntimeError:  # loop already closed (server shut down)
            pass

    _WORKERS.run(work)
    return await future


def _describe(exc: BaseException) -> str:
    """``Name: message`` of an exception, even one whose ``__str__`` itself raises."""
    try:
        return f"{type(exc).__name__}: {exc}"
    except Exception:  # noqa: BLE001 - the call must still be answered
        return type(exc).__name__


class _Workers:
    """Daemon threads for plain tool functions. A call takes an idle worker or starts a new one,
    so calls never wait for each other; a worker idle for ``IDLE_S`` ends, and at most ``KEEP``
    stay idle. Reusing a thread saves starting one per call (most of a quick call's cost)."""

    IDLE_S = 30.0
    KEEP = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []

    def run(self, job: Callable[[], None]) -> None:
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        if worker is None:
            worker = _Worker(self)
            worker.give(job)
            threading.Thread(target=worker.loop, name="mcp-call", daemon=True).start()
        else:
            worker.give(job)

    def rest(self, worker: "_Worker") -> bool:
        """Called by a worker after a job: True when it should wait for another."""
        with self._lock:
            if len(self._idle) >= self.KEEP:
                return False
            self._idle.append(worker)
            return True

    def retire(self, worker: "_Worker") -> bool:
        """Called by a worker idle for too long: True when it may end (nobody handed it a job)."""
        with self._lock:
            if worker in self._idle:
                self._idle.remove(worker)
                return True
            return False


class _Worker:
    def __init__(self, pool: _Workers) -> None:
        self._pool = pool
        self._ready = threading.Semaphore(0)
        self._job: Callable[[], None] | None = None

    def give(self, job: Callable[[], None]) -> None:
        self._job = job
        self._ready.release()

    def loop(self) -> None:
        while True:
            self._ready.acquire()
            job, self._job = self._job, None
            if job is not None:
                job()
                job = None  # an idle worker keeps no call's arguments or result alive
            if not self._pool.rest(self):
                return
            while not self._ready.acquire(timeout=self._pool.IDLE_S):
                if self._pool.retire(self):
                    return
            self._ready.release()  # handed a job while checking: take it at the loop's top


_WORKERS = _Workers()


def _optional(**fields: Any) -> dict[str, Any]:
    """Drop keys whose value is None."""
    return {k: v for k, v in fields.items() if v is not None}


def _plain(obj: Any) -> Any:
    """Annotations/icons may be given as dicts or (SDK) pydantic objects."""
    if obj is None or isinstance(obj, (dict, list)):
        return to_jsonable(obj)
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", exclude_none=True, by_alias=True)
    return to_jsonable(getattr(obj, "__dict__", obj))


class Tool:
    def __init__(self, fn: Callable[..., Any], name: str | None = None, title: str | None = None,
                 description: str | None = None, annotations: Any = None, icons: Any = None,
                 meta: dict[str, Any] | None = None, structured_output: bool | None = None):
        self.fn = fn
        self.name = name or callable_name(fn)
        if self.name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        self.title, self.annotations, self.icons, self.meta = title, annotations, icons, meta
        self.description = description if description is not None else clean_doc(fn)
        self.structured_output = structured_output
        self.metadata = FuncMetadata(fn, structured_output)

    def to_dict(self) -> dict[str, Any]:
        return _optional(
            name=self.name, title=self.title, description=self.description,
            inputSchema=self.metadata.input_schema(), outputSchema=self.metadata.output_schema,
            annotations=_plain(self.annotations), icons=_plain(self.icons), _meta=self.meta,
        )

    async def run(self, arguments: dict[str, Any], ctx: Context | None = None) -> dict[str, Any]:
        """Validate, call and convert; any failure becomes an ``isError`` result."""
        try:
            kwargs = self.metadata.validate(arguments)
            value = await invoke(self.metadata, kwargs, ctx)
            return self.convert(value)
        except Exception as exc:  # noqa: BLE001 - reported to the client as a tool error
            # Some errors carry no message (MemoryError when the sandbox's memory limit is hit): name them.
            text = f"Error executing tool {self.name}: {str(exc) or type(exc).__name__}"
            return {"content": [{"type": "text", "text": text}], "isError": True}

    def convert(self, value: Any) -> dict[str, Any]:
        """``CallToolResult`` for a return value: content blocks plus ``structuredContent``
        when there is an output schema (or, without one, for dict/list/number/bool values).
        A value that does not fit the output schema raises ArgumentError (a tool error)."""
        result: dict[str, Any] = {"content": to_tool_content(value)}
        data = to_jsonable(value)
        structured = None
        if self.metadata.output_schema is not None:
            data = to_jsonable(self.metadata.validate_result(data))
            if self.metadata.wrap_output:
                structured = {"result": data}
            elif isinstance(data, dict):
                structured = data
        elif self.structured_output is not False and not isinstance(value, str) and value is not None:
            if isinstance(data, dict):
                structured = data
            elif isinstance(value, (list, tuple, int, float)):  # bool is an int
                structured = {"result": data}
        if structured is not None:
            result["structuredContent"] = structured
        result["isError"] = False
        return result


def _default_mime(meta: FuncMetadata) -> str:
    hint = unwrap_annotated(meta.return_hint)[0]
    if hint in (bytes, bytearray):
        return "application/octet-stream"
    if meta.output_schema is not None and hint is not str and not isinstance(hint, str):
        return "application/json"
    return "text/plain"


def resource_contents(uri: str, value: Any, mime_type: str) -> dict[str, Any]:
    """One ``resources/read`` content item: text, or base64 ``blob`` for bytes."""
    if isinstance(value, (bytes, bytearray)):
        return {"uri": uri, "mimeType": mime_type, "blob": base64.b64encode(value).decode("ascii")}
    text = value if isinstance(value, str) else dumps_pretty(value)
    return {"uri": uri, "mimeType": mime_type, "text": text}


class Resource:
    """A static resource (a URI without ``{parameters}``) backed by a function."""

    def __init__(self, fn: Callable[..., Any], uri: str, name: str | None = None, title: str | None = None,
                 description: str | None = None, mime_type: str | None = None, icons: Any = None,
                 annotations: Any = None, meta: dict[str, Any] | None = None):
        self.fn, self.uri = fn, uri
        self.metadata = FuncMetadata(fn)
        self.name = name or callable_name(fn)
        self.title, self.icons, self.annotations, self.meta = title, icons, annotations, meta
        self.description = description if description is not None else clean_doc(fn)
        self.mime_type = mime_type or _default_mime(self.metadata)

    def to_dict(self) -> dict[str, Any]:
        return _optional(uri=self.uri, name=self.name, title=self.title, description=self.description or None,
                         mimeType=self.mime_type, icons=_plain(self.icons),
                         annotations=_plain(self.annotations), _meta=self.meta)

    async def read(self, uri: str, params: dict[str, str], ctx: Context | None = None) -> Any:
        """The function's raw return value; errors become JSON-RPC errors."""
        try:
            kwargs = self.metadata.validate(params)
        except ArgumentError as exc:
            raise RpcError(INVALID_PARAMS, f"Invalid parameters for resource {uri}: {exc}") from None
        try:
            return await invoke(self.metadata, kwargs, ctx)
        except Exception as exc:  # noqa: BLE001
            raise RpcError(INTERNAL_ERROR, f"Error reading resource {uri}: {exc}") from None


class ResourceTemplate(Resource):
    """A resource whose URI has ``{parameters}`` bound to the function's parameters."""

    PARAM = re.compile(r"{(\w+)}")

    def __init__(self, fn: Callable[..., Any], uri: str, **kw: Any):
        super().__init__(fn, uri, **kw)
        uri_params = set(self.PARAM.findall(uri))
        fn_params = {name for name, _, _ in self.metadata.params}
        if uri_params != fn_params:
            raise ValueError(f"Mismatch between URI parameters {uri_params} and function parameters {fn_params}")
        parts = self.PARAM.split(uri)  # literal, name, literal, name, ...
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>[^/]+)" for i, p in enumerate(parts))
        self.regex = re.compile(f"^{pattern}$")

    def match(self, uri: str) -> dict[str, str] | None:
        m = self.regex.match(uri)
        return {k: urllib.parse.unquote(v) for k, v in m.groupdict().items()} if m else None

    def to_dict(self) -> dict[str, Any]:
        entry = super().to_dict()
        return {"uriTemplate": entry.pop("uri"), **entry}


class Prompt:
    def __init__(self, fn: Callable[..., Any], name: str | None = None, title: str | None = None,
                 description: str | None = None, icons: Any = None):
        self.fn = fn
        self.name = name or callable_name(fn)
        self.title, self.icons = title, icons
        self.description = description if description is not None else clean_doc(fn)
        self.metadata = FuncMetadata(fn, structured_output=False)

    def to_dict(self) -> dict[str, Any]:
        return _optional(name=self.name, title=self.title, description=self.description,
                         arguments=self.metadata.argument_info(), icons=_plain(self.icons))

    async def render(self, arguments: dict[str, Any], ctx: Context | None = None) -> list[dict[str, Any]]:
        """Messages for ``prompts/get``; bad arguments raise -32602, failures -32603."""
        missing = set(self.metadata.required) - set(arguments)
        if missing:
            raise RpcError(INVALID_PARAMS, f"Missing required arguments: {missing}")
        try:
            kwargs = self.metadata.validate(arguments)
        except ArgumentError as exc:
            raise RpcError(INVALID_PARAMS, str(exc)) from None
        try:
            return to_prompt_messages(await invoke(self.metadata, kwargs, ctx))
        except Exception as exc:  # noqa: BLE001
            raise RpcError(INTERNAL_ERROR, f"Error rendering prompt {self.name}: {exc}") from None
