"""Stand-in for the ``mcp`` package where it is not installed: see shim/README.md."""
