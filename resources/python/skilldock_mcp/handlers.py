"""MCP method handlers for a FastMCP app: one instance per connection, both protocol eras.

The 2025 era (2024-11-05 … 2025-11-25) opens with ``initialize``. The 2026 era (2026-07-28)
has no handshake: the client may call ``server/discover``, and every request carries its
protocol version, client info, capabilities and log level in ``params._meta``; results name
the server in ``_meta``. Each request is served by the era it claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .components import resource_contents
from .context import Context
from .errors import INVALID_PARAMS, METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, UNSUPPORTED_PROTOCOL_VERSION, RpcError
from .protocol import Request

if TYPE_CHECKING:
    from .server import FastMCP

LATEST_PROTOCOL_VERSION = "2025-11-25"
SUPPORTED_PROTOCOL_VERSIONS = ("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", "2024-10-07")
MODERN_PROTOCOL_VERSIONS = ("2026-07-28",)
VERSION_KEY = "io.modelcontextprotocol/protocolVersion"
CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo"
CLIENT_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities"
LOG_LEVEL_KEY = "io.modelcontextprotocol/logLevel"
SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo"
LIST_METHODS = ("tools/list", "resources/list", "resources/templates/list", "prompts/list")
# 2026 lists carry cache hints. A kit server's registries are set while the script starts and
# it never announces changes, so a minute is honest; "private": the answer is for this client.
LIST_CACHE_HINTS = {"ttlMs": 60_000, "cacheScope": "private"}
LOG_LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")


def _param(request: Request, key: str, kind: type, required: bool = True) -> Any:
    value = request.params.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, kind):
        raise RpcError(INVALID_PARAMS, f"Invalid params: '{key}' must be a {kind.__name__}")
    return value


class SessionHandler:
    """Answers requests against the app's registries; also the Context's ``session``."""

    def __init__(self, app: "FastMCP"):
        self.app = app
        self.protocol_version = LATEST_PROTOCOL_VERSION
        self.client_info: dict[str, Any] | None = None
        self.client_capabilities: dict[str, Any] = {}
        self.min_log_level = 0  # index into LOG_LEVELS; everything is sent until setLevel
        self._methods = {
            "initialize": self.initialize,
            "server/discover": self.discover,
            "ping": self.ping,
            "tools/list": self.list_tools,
            "tools/call": self.call_tool,
            "resources/list": self.list_resources,
            "resources/templates/list": self.list_resource_templates,
            "resources/read": self.read_resource,
            "prompts/list": self.list_prompts,
            "prompts/get": self.get_prompt,
            "logging/setLevel": self.set_level,
            "completion/complete": self.complete,
        }

    # -- protocol.Handler --------------------------------------------------------------
    async def handle_request(self, request: Request) -> Any:
        version = _modern_version(request)
        method = self._methods.get(request.method)
        if method is None or (version is not None and request.method == "initialize"):
            raise RpcError(METHOD_NOT_FOUND, f"Method not found: {request.method}")
        result = await method(request)
        if version is not None and isinstance(result, dict):
            meta = dict(result.get("_meta") or {})
            meta[SERVER_INFO_KEY] = self._server_info()
            result = {"resultType": "complete", **result, "_meta": meta}
            if request.method in LIST_METHODS:
                result = {**LIST_CACHE_HINTS, **result}
        return result

    def handle_notification(self, method: str, params: dict[str, Any]) -> None:
        """``notifications/initialized`` and the rest need no action."""

    # -- used by Context -----------------------------------------------------------------
    def send_log_message(self, level: str, data: Any, logger: str | None, request: Request) -> None:
        level = level if level in LOG_LEVELS else "info"
        threshold = self.min_log_level
        if _modern_version(request) is not None:  # 2026: the request says its level; none = no logs
            wanted = request.meta.get(LOG_LEVEL_KEY)
            if wanted not in LOG_LEVELS:
                return
            threshold = LOG_LEVELS.index(wanted)
        if LOG_LEVELS.index(level) < threshold:
            return
        params: dict[str, Any] = {"level": level, "data": data}
        if logger:
            params["logger"] = logger
        request.notify("notifications/message", params)

    def _context(self, request: Request) -> Context:
        return Context(request_context=request, fastmcp=self.app, session=self)

    # -- lifecycle ---------------------------------------------------------------------
    def _server_info(self) -> dict[str, Any]:
        return {"name": self.app.name, "version": self.app.version}

    def _capabilities(self) -> dict[str, Any]:
        return {
            "tools": {"listChanged": False},
            "resources": {"subscribe": False, "listChanged": False},
            "prompts": {"listChanged": False},
            "logging": {},
        }

    async def discover(self, request: Request) -> dict[str, Any]:
        """2026-07-28: what this server speaks, without a handshake (any era may ask)."""
        result: dict[str, Any] = {
            "resultType": "complete",
            "supportedVersions": [*MODERN_PROTOCOL_VERSIONS, *SUPPORTED_PROTOCOL_VERSIONS],
            "capabilities": self._capabilities(),
            "_meta": {SERVER_INFO_KEY: self._server_info()},
        }
        if self.app.instructions:
            result["instructions"] = self.app.instructions
        return result

    async def initialize(self, request: Request) -> dict[str, Any]:
        requested = request.params.get("protocolVersion")
        self.protocol_version = requested if requested in SUPPORTED_PROTOCOL_VERSIONS else LATEST_PROTOCOL_VERSION
        self.client_info = request.params.get("clientInfo")
        self.client_capabilities = request.params.get("capabilities") or {}
        result: dict[str, Any] = {
            "protocolVersion": self.protocol_version,
            "capabilities": self._capabilities(),
            "serverInfo": self._server_info(),
        }
        if self.app.instructions:
            result["instructions"] = self.app.instructions
        return result

    async def ping(self, request: Request) -> dict[str, Any]:
        return {}

    async def set_level(self, request: Request) -> dict[str, Any]:
        level = request.params.get("level")
        if level not in LOG_LEVELS:
            raise RpcError(INVALID_PARAMS, f"Invalid params: unknown log level {level!r}")
        self.min_log_level = LOG_LEVELS.index(level)
        return {}

    async def complete(self, request: Request) -> dict[str, Any]:
        return {"completion": {"values": [], "total": 0, "hasMore": False}}

    # -- tools -------------------------------------------------------------------------
    async def list_tools(self, request: Request) -> dict[str, Any]:
        return {"tools": [tool.to_dict() for tool in self.app._tools.values()]}

    async def call_tool(self, request: Request) -> dict[str, Any]:
        name = _param(request, "name", str)
        tool = self.app._tools.get(name)
        if tool is None:
            raise RpcError(INVALID_PARAMS, f"Unknown tool: {name}")
        arguments = _param(request, "arguments", dict, required=False) or {}
        return await tool.run(arguments, self._context(request))

    # -- resources ---------------------------------------------------------------------
    async def list_resources(self, request: Request) -> dict[str, Any]:
        return {"resources": [r.to_dict() for r in self.app._resources.values()]}

    async def list_resource_templates(self, request: Request) -> dict[str, Any]:
        return {"resourceTemplates": [t.to_dict() for t in self.app._templates.values()]}

    async def read_resource(self, request: Request) -> dict[str, Any]:
        uri = _param(request, "uri", str)
        found = self.app._find_resource(uri)
        if found is None:
            raise RpcError(RESOURCE_NOT_FOUND, "Resource not found", {"uri": uri})
        resource, params = found
        value = await resource.read(uri, params, self._context(request))
        return {"contents": [resource_contents(uri, value, resource.mime_type)]}

    # -- prompts -----------------------------------------------------------------------
    async def list_prompts(self, request: Request) -> dict[str, Any]:
        return {"prompts": [p.to_dict() for p in self.app._prompts.values()]}

    async def get_prompt(self, request: Request) -> dict[str, Any]:
        name = _param(request, "name", str)
        prompt = self.app._prompts.get(name)
        if prompt is None:
            raise RpcError(INVALID_PARAMS, f"Unknown prompt: {name}")
        arguments = _param(request, "arguments", dict, required=False) or {}
        messages = await prompt.render(arguments, self._context(request))
        result: dict[str, Any] = {"messages": messages}
        if prompt.description:
            result = {"description": prompt.description, **result}
        return result


def _modern_version(request: Request) -> str | None:
    """The 2026-era version a request claims in its ``_meta`` envelope, or None (2025 era).

    A claim of a version this kit does not know is answered with ``-32022`` and the list of
    versions it does, so the client can pick one and retry.
    """
    claimed = request.meta.get(VERSION_KEY)
    if claimed is None:
        return None
    if claimed in MODERN_PROTOCOL_VERSIONS:
        return claimed
    if claimed in SUPPORTED_PROTOCOL_VERSIONS:
        return None  # a 2025-era client that stamps its version: served as today
    raise RpcError(
        UNSUPPORTED_PROTOCOL_VERSION,
        f"Unsupported protocol version: {claimed}",
        {"supported": [*MODERN_PROTOCOL_VERSIONS, *SUPPORTED_PROTOCOL_VERSIONS], "requested": claimed},
    )
