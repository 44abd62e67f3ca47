"""MCP method handlers (spec 2025-06-18) for a FastMCP app: one instance per session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .components import resource_contents
from .context import Context
from .errors import INVALID_PARAMS, METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, RpcError
from .protocol import Request

if TYPE_CHECKING:
    from .server import FastMCP

LATEST_PROTOCOL_VERSION = "2025-06-18"
SUPPORTED_PROTOCOL_VERSIONS = ("2025-06-18", "2025-03-26", "2024-11-05")
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
        method = self._methods.get(request.method)
        if method is None:
            raise RpcError(METHOD_NOT_FOUND, f"Method not found: {request.method}")
        return await method(request)

    def handle_notification(self, method: str, params: dict[str, Any]) -> None:
        """``notifications/initialized`` and the rest need no action."""

    # -- used by Context -----------------------------------------------------------------
    def send_log_message(self, level: str, data: Any, logger: str | None, request: Request) -> None:
        level = level if level in LOG_LEVELS else "info"
        if LOG_LEVELS.index(level) < self.min_log_level:
            return
        params: dict[str, Any] = {"level": level, "data": data}
        if logger:
            params["logger"] = logger
        request.notify("notifications/message", params)

    def _context(self, request: Request) -> Context:
        return Context(request_context=request, fastmcp=self.app, session=self)

    # -- lifecycle ---------------------------------------------------------------------
    async def initialize(self, request: Request) -> dict[str, Any]:
        requested = request.params.get("protocolVersion")
        self.protocol_version = requested if requested in SUPPORTED_PROTOCOL_VERSIONS else LATEST_PROTOCOL_VERSION
        self.client_info = request.params.get("clientInfo")
        self.client_capabilities = request.params.get("capabilities") or {}
        result: dict[str, Any] = {
            "protocolVersion": self.protocol_version,
            "capabilities": {
                "tools": {"listChanged": False},
                "resources": {"subscribe": False, "listChanged": False},
                "prompts": {"listChanged": False},
                "logging": {},
            },
            "serverInfo": {"name": self.app.name, "version": self.app.version},
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
