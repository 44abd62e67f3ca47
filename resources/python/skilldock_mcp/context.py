"""The per-request ``Context`` handed to functions that declare a ``ctx: Context`` parameter.

Mirrors the SDK's FastMCP ``Context``: logging (``debug/info/warning/error/log``) sends
``notifications/message``; ``report_progress`` sends ``notifications/progress`` when the
request carried a ``progressToken``. In the SDK these methods are coroutines; here they
send at once and return an awaitable no-op, so ``await ctx.info(...)`` works in async
tools and plain ``ctx.info(...)`` works in sync tools (which run in worker threads).
"""

from __future__ import annotations

import contextvars
from typing import Any

_current: contextvars.ContextVar["Context | None"] = contextvars.ContextVar("skilldock_mcp_context", default=None)


class _Done:
    """An already-completed awaitable: ``await`` on it returns None immediately."""

    __slots__ = ()

    def __await__(self):
        return iter(())


_DONE = _Done()


class ReadResourceContents:
    """One item of ``await ctx.read_resource(uri)``: ``content`` (str or bytes) and ``mime_type``."""

    __slots__ = ("content", "mime_type")

    def __init__(self, content: str | bytes, mime_type: str | None):
        self.content, self.mime_type = content, mime_type

    def __repr__(self) -> str:
        return f"ReadResourceContents(content={self.content!r}, mime_type={self.mime_type!r})"


class Context:
    """Request-scoped helpers. Outside a request (e.g. a tool called directly in a unit
    test) every method is a harmless no-op."""

    def __init__(self, request_context: Any = None, fastmcp: Any = None, session: Any = None, **_ignored: Any):
        self._request = request_context
        self._fastmcp = fastmcp
        self._session = session

    def __class_getitem__(cls, _params: Any) -> type["Context"]:
        """Allow the SDK spelling ``Context[ServerSession, None]``."""
        return cls

    # -- request information -------------------------------------------------------
    @property
    def fastmcp(self) -> Any:
        return self._fastmcp

    @property
    def session(self) -> Any:
        return self._session

    @property
    def request_context(self) -> Any:
        return self._request

    @property
    def request_id(self) -> str:
        return str(getattr(self._request, "id", "")) if self._request is not None else ""

    @property
    def client_id(self) -> str | None:
        meta = getattr(self._request, "meta", None) or {}
        return meta.get("client_id")

    @property
    def is_cancelled(self) -> bool:
        """True once the client cancelled this request (kit extra; lets sync tools stop early)."""
        event = getattr(self._request, "cancelled", None)
        return bool(event is not None and event.is_set())

    # -- notifications -------------------------------------------------------------
    def log(self, level: str, message: Any, *, logger_name: str | None = None, **_extra: Any) -> _Done:
        """Send a log message (``notifications/message``) to the client."""
        if self._session is not None and self._request is not None:
            self._session.send_log_message(level, message, logger_name, self._request)
        return _DONE

    def debug(self, message: Any, **extra: Any) -> _Done:
        return self.log("debug", message, **extra)

    def info(self, message: Any, **extra: Any) -> _Done:
        return self.log("info", message, **extra)

    def warning(self, message: Any, **extra: Any) -> _Done:
        return self.log("warning", message, **extra)

    def error(self, message: Any, **extra: Any) -> _Done:
        return self.log("error", message, **extra)

    def report_progress(self, progress: float, total: float | None = None, message: str | None = None) -> _Done:
        """Send ``notifications/progress`` if the client asked for progress on this request."""
        meta = getattr(self._request, "meta", None) or {}
        token = meta.get("progressToken")
        if token is not None:
            params: dict[str, Any] = {"progressToken": token, "progress": progress}
            if total is not None:
                params["total"] = total
            if message is not None:
                params["message"] = message
            self._request.notify("notifications/progress", params)
        return _DONE

    async def read_resource(self, uri: str) -> list[ReadResourceContents]:
        """Read another resource of this server."""
        if self._fastmcp is None:
            raise ValueError("Context is not available outside of a request")
        return await self._fastmcp.read_resource(str(uri))


def current_context() -> Context | None:
    """The Context of the request being handled in this task/thread, if any."""
    return _current.get()


def set_current_context(ctx: Context) -> contextvars.Token:
    return _current.set(ctx)
