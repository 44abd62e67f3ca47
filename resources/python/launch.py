"""Run a SkillDock skill script as ``__main__`` with the bundled MCP kit importable.

Usage: ``python3 -I launch.py /path/to/skill/skill.py [args...]``

``-I`` keeps the user's environment out (no PYTHONPATH, no user site-packages, and the
script's own folder is not put on ``sys.path``). This launcher then puts the skill's
folder first on ``sys.path`` (as plain ``python skill.py`` would) followed by its own
folder, which holds ``skilldock_mcp``; turns off ``.pyc`` writing so skill folders stay
clean; sets ``sys.argv`` to ``[skill.py, *args]`` and runs the file as ``__main__``.
A missing skill file is reported on stderr with exit status 2.
"""

import os
import runpy
import sys


def main() -> None:
    if len(sys.argv) < 2:
        sys.stderr.write("usage: launch.py SKILL_FILE [ARGS...]\n")
        raise SystemExit(2)
    path = os.path.abspath(sys.argv[1])
    if not os.path.isfile(path):
        sys.stderr.write(f"skilldock launch: skill file not found: {path}\n")
        raise SystemExit(2)
    kit_dir = os.path.dirname(os.path.abspath(__file__))
    skill_dir = os.path.dirname(path)
    for entry in (kit_dir, skill_dir):  # inserted in reverse: the skill's folder ends up first
        while entry in sys.path:
            sys.path.remove(entry)
        sys.path.insert(0, entry)
    sys.dont_write_bytecode = True
    sys.argv = [path, *sys.argv[2:]]
    runpy.run_path(path, run_name="__main__")


if __name__ == "__main__":
    main()
