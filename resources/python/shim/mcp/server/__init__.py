"""Stand-in for ``mcp.server`` where the ``mcp`` package is not installed."""
