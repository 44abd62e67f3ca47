"""``from mcp.server.fastmcp import FastMCP`` (official SDK v1) answered by the bundled kit."""

from skilldock_mcp import *  # noqa: F401,F403
from skilldock_mcp import __all__  # noqa: F401
