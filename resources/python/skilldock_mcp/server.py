"""``FastMCP``: the SDK-compatible registration API and the stdio entry point."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import types
from typing import Any, Callable, TypeVar

from . import __version__
from .components import Prompt, Resource, ResourceTemplate, Tool, resource_contents
from .context import Context, ReadResourceContents, current_context
from .errors import ResourceError
from .handlers import SessionHandler
from .protocol import Connection

F = TypeVar("F", bound=Callable[..., Any])
logger = logging.getLogger("skilldock_mcp")


def _misused(decorator: str) -> TypeError:
    return TypeError(
        f"The @{decorator} decorator was used incorrectly. Did you forget to call it? "
        f"Use @{decorator}() instead of @{decorator}"
    )


class FastMCP:
    """An MCP server built from decorated functions (a stdio-only subset of the SDK's FastMCP).

    Extra keyword ``settings`` accepted by the SDK (host, port, debug, log_level, ...) are
    kept as attributes of ``self.settings`` and otherwise ignored; ``version`` sets
    ``serverInfo.version`` (default: the kit's version).
    """

    def __init__(self, name: str | None = None, instructions: str | None = None, **settings: Any):
        self.name = name or "FastMCP"
        self.instructions = instructions
        self.version = str(settings.pop("version", None) or __version__)
        self.settings = types.SimpleNamespace(**settings)
        self._tools: dict[str, Tool] = {}
        self._resources: dict[str, Resource] = {}
        self._templates: dict[str, ResourceTemplate] = {}
        self._prompts: dict[str, Prompt] = {}

    # -- tools ---------------------------------------------------------------------------
    def tool(self, name: str | None = None, title: str | None = None, description: str | None = None,
             annotations: Any = None, icons: Any = None, meta: dict[str, Any] | None = None,
             structured_output: bool | None = None) -> Callable[[F], F]:
        """Register a function as a tool; the function is returned unchanged."""
        if callable(name):
            raise _misused("tool")

        def decorator(fn: F) -> F:
            self.add_tool(fn, name=name, title=title, description=description, annotations=annotations,
                          icons=icons, meta=meta, structured_output=structured_output)
            return fn

        return decorator

    def add_tool(self, fn: Callable[..., Any], name: str | None = None, title: str | None = None,
                 description: str | None = None, annotations: Any = None, icons: Any = None,
                 meta: dict[str, Any] | None = None, structured_output: bool | None = None) -> None:
        tool = Tool(fn, name=name, title=title, description=description, annotations=annotations,
                    icons=icons, meta=meta, structured_output=structured_output)
        if tool.name in self._tools:  # like the SDK: the first registration wins
            logger.warning("Tool already exists: %s", tool.name)
            return
        self._tools[tool.name] = tool

    def remove_tool(self, name: str) -> None:
        if name not in self._tools:
            raise ValueError(f"Unknown tool: {name}")
        del self._tools[name]

    # -- resources -----------------------------------------------------------------------
    def resource(self, uri: str, *, name: str | None = None, title: str | None = None,
                 description: str | None = None, mime_type: str | None = None, icons: Any = None,
                 annotations: Any = None, meta: dict[str, Any] | None = None) -> Callable[[F], F]:
        """Register a resource; a URI with ``{params}`` makes a resource template."""
        if callable(uri):
            raise _misused("resource")

        def decorator(fn: F) -> F:
            kw = dict(name=name, title=title, description=description, mime_type=mime_type,
                      icons=icons, annotations=annotations, meta=meta)
            resource = Resource(fn, uri, **kw)
            if "{" in uri or resource.metadata.params:
                self._templates.setdefault(uri, ResourceTemplate(fn, uri, **kw))
            else:
                self._resources.setdefault(uri, resource)
            return fn

        return decorator

    def _find_resource(self, uri: str) -> tuple[Resource, dict[str, str]] | None:
        if uri in self._resources:
            return self._resources[uri], {}
        for template in self._templates.values():
            params = template.match(uri)
            if params is not None:
                return template, params
        return None

    async def read_resource(self, uri: str) -> list[ReadResourceContents]:
        """Read a resource in-process (what ``Context.read_resource`` uses)."""
        found = self._find_resource(str(uri))
        if found is None:
            raise ResourceError(f"Unknown resource: {uri}")
        resource, params = found
        value = await resource.read(str(uri), params, current_context())
        item = resource_contents(str(uri), value, resource.mime_type)
        content = value if isinstance(value, (str, bytes)) else item.get("text", value)
        return [ReadResourceContents(content, resource.mime_type)]

    # -- prompts -------------------------------------------------------------------------
    def prompt(self, name: str | None = None, title: str | None = None, description: str | None = None,
               icons: Any = None) -> Callable[[F], F]:
        """Register a prompt; its arguments come from the function signature."""
        if callable(name):
            raise _misused("prompt")

        def decorator(fn: F) -> F:
            prompt = Prompt(fn, name=name, title=title, description=description, icons=icons)
            self._prompts.setdefault(prompt.name, prompt)
            return fn

        return decorator

    # -- running -------------------------------------------------------------------------
    def get_context(self) -> Context:
        """The Context of the request being handled (an inert one outside requests)."""
        return current_context() or Context(fastmcp=self)

    def run(self, transport: str = "stdio", mount_path: str | None = None) -> None:
        """Serve over stdio until stdin closes. Only the stdio transport exists here."""
        if transport != "stdio":
            raise ValueError(f"Unsupported transport: {transport!r} (skilldock_mcp only supports 'stdio')")
        try:
            asyncio.run(self.run_stdio_async())
        except KeyboardInterrupt:
            pass

    async def run_stdio_async(self) -> None:
        """Serve MCP on stdin/stdout. While serving, ``print()`` and child processes write to
        stderr and stdin reads as empty, so nothing but protocol messages reaches stdout."""
        reader, writer, restore = _claim_stdio()
        try:
            await Connection(SessionHandler(self), reader, writer).serve()
        finally:
            restore()


def _claim_stdio() -> tuple[Any, Any, Callable[[], None]]:
    """Take the process's stdin/stdout for the protocol.

    The original descriptors are duplicated for the protocol; then the stdout descriptor is
    pointed at stderr and the stdin descriptor at the null device, so subprocesses and C
    code can neither corrupt nor consume the stream, and ``sys.stdout``/``sys.stdin`` become
    ``sys.stderr``/an empty file. Without real descriptors, the ``.buffer`` streams are used.
    """
    saved = sys.stdout, sys.stdin
    try:
        sys.stdout.flush()
        in_no, out_no = sys.stdin.fileno(), sys.stdout.fileno()
        in_fd, out_fd = os.dup(in_no), os.dup(out_no)
    except (AttributeError, OSError, ValueError):
        reader, writer, in_fd = sys.stdin.buffer, sys.stdout.buffer, None
    else:
        reader, writer = open(in_fd, "rb", closefd=False), open(out_fd, "wb", closefd=False)
        try:
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, in_no)
            os.close(null)
            os.dup2(sys.stderr.fileno(), out_no)
        except (AttributeError, OSError, ValueError):
            pass
    sys.stdout = sys.stderr
    sys.stdin = open(os.devnull, encoding="utf-8")

    def restore() -> None:
        sys.stdin.close()
        sys.stdout, sys.stdin = saved
        if in_fd is not None:  # put the descriptors back; the reader thread may still hold in_fd
            os.dup2(in_fd, in_no)
            os.dup2(out_fd, out_no)

    return reader, writer, restore
