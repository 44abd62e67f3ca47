"""Run a SkillDock skill script as ``__main__`` with the bundled MCP kit importable.

Usage: ``python3 -I -B launch.py /path/to/skill/skill.py [args...]``

``-I`` keeps the user's environment out (no PYTHONPATH, no user site-packages, and the
script's own folder is not put on ``sys.path``). This launcher then puts the skill's
folder first on ``sys.path`` (as plain ``python skill.py`` would) followed by its own
folder, which holds ``skilldock_mcp``, and appends its ``shim`` folder last (after
site-packages), so ``mcp.server.fastmcp``, ``mcp.server.mcpserver`` and ``fastmcp`` imports run on
the kit where those packages are not installed; sets ``sys.argv`` to ``[skill.py, *args]`` and runs
the file as ``__main__``. A missing skill file is reported on stderr with exit status 2.

Only the scanned and approved *source* of a skill ever runs. Bytecode is never read from,
nor written to, the skill folder: ``skill.py`` is compiled from its text (``runpy`` would
run a file that merely starts with the bytecode magic number as bytecode), and modules
imported from the skill folder are compiled from their ``.py`` files, ignoring any
``__pycache__/*.pyc`` (even an "unchecked-hash" one, which Python would otherwise trust
without looking at the source) and any sourceless ``*.pyc`` next to them. ``-B`` and
``sys.dont_write_bytecode`` keep ``__pycache__`` from being created there.
"""

import builtins
import importlib.machinery
import os
import sys
import types


class _SourceOnlyLoader(importlib.machinery.SourceFileLoader):
    """Compiles a module from its source every time; never consults a cached ``.pyc``."""

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), folder]) == folder
    except ValueError:
        return False


def _source_only_hook(skill_dir: str):
    # Extension modules keep their loader (they are files of the skill, pinned like the rest);
    # there is deliberately no SourcelessFileLoader: a bare .pyc is not importable from the skill.
    loaders = [
        (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
        (_SourceOnlyLoader, importlib.machinery.SOURCE_SUFFIXES),
    ]

    def hook(path):
        if not _inside(path, skill_dir):
            raise ImportError("not a skill folder")
        return importlib.machinery.FileFinder(path, *loaders)

    return hook


def _run_as_main(path: str) -> None:
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec", dont_inherit=True)
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    exec(code, module.__dict__)


def main() -> None:
    if len(sys.argv) < 2:
        sys.stderr.write("usage: launch.py SKILL_FILE [ARGS...]\n")
        raise SystemExit(2)
    path = os.path.abspath(sys.argv[1])
    if not os.path.isfile(path):
        sys.stderr.write(f"skilldock launch: skill file not found: {path}\n")
        raise SystemExit(2)
    sys.dont_write_bytecode = True
    kit_dir = os.path.dirname(os.path.abspath(__file__))
    skill_dir = os.path.dirname(path)
    sys.path_hooks.insert(0, _source_only_hook(skill_dir))
    sys.path_importer_cache.clear()
    for entry in (kit_dir, skill_dir):  # inserted in reverse: the skill's folder ends up first
        while entry in sys.path:
            sys.path.remove(entry)
        sys.path.insert(0, entry)
    # Last on the path, after site-packages: `mcp.server.fastmcp`, `mcp.server.mcpserver` and
    # `fastmcp` resolve to the kit only where no such package is installed (never shadowing one).
    shim_dir = os.path.join(kit_dir, "shim")
    if shim_dir not in sys.path:
        sys.path.append(shim_dir)
    sys.argv = [path, *sys.argv[2:]]
    _run_as_main(path)


if __name__ == "__main__":
    main()
