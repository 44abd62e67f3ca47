"""JSON-RPC error codes and the exceptions that carry them back to the client."""

from __future__ import annotations

from typing import Any

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
RESOURCE_NOT_FOUND = -32002  # MCP: resources/read of an unknown URI
UNSUPPORTED_PROTOCOL_VERSION = -32022  # MCP 2026-07-28: the request's version is not served here


class RpcError(Exception):
    """Raised by a request handler to answer with a JSON-RPC error."""

    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(message)
        self.code, self.message, self.data = code, message, data

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


class FastMCPError(Exception):
    """Base class of the SDK-compatible exceptions below (``mcp.server.fastmcp.exceptions``)."""


class ToolError(FastMCPError):
    """May be raised by tools; like any exception it becomes an ``isError`` result."""


class ResourceError(FastMCPError):
    """May be raised by resource functions."""


class InvalidSignature(FastMCPError):
    """A function's signature cannot be exposed over MCP."""
