"""``from mcp.server.mcpserver import MCPServer`` (official SDK v2) answered by the bundled kit."""

from skilldock_mcp import *  # noqa: F401,F403
from skilldock_mcp import FastMCP as MCPServer
from skilldock_mcp import __all__ as _kit_all

__all__ = [*_kit_all, "MCPServer"]
