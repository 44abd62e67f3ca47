"""SkillDock's standard-library MCP kit.

A drop-in subset of the official MCP Python SDK's FastMCP API, so skills run where the
SDK cannot be installed. Skills import it as a fallback:

    try:
        from mcp.server.fastmcp import FastMCP
    except ImportError:
        from skilldock_mcp import FastMCP

Modules: ``server`` (FastMCP), ``handlers`` (MCP methods), ``protocol`` (JSON-RPC over
stdio), ``components`` (tools/resources/prompts), ``funcmeta``/``schema``/``validation``
(signatures -> JSON Schema and argument checking), ``content`` (result conversion),
``context`` (the per-request Context).
"""

__version__ = "1.0.0"

from .content import AssistantMessage, Image, Message, UserMessage  # noqa: E402
from .context import Context  # noqa: E402
from .errors import FastMCPError, InvalidSignature, ResourceError, ToolError  # noqa: E402
from .server import FastMCP  # noqa: E402

__all__ = [
    "FastMCP", "Context", "Image", "Message", "UserMessage", "AssistantMessage",
    "FastMCPError", "ToolError", "ResourceError", "InvalidSignature", "__version__",
]
