# /// script
# requires-python = ">=3.10"
# ///
"""Read-only git history: recent commits, per-author and per-file activity, commits per day."""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP(
    "git-history",
    instructions=(
        "Inspect local git repositories without changing them. check_repository confirms a path is a repo; "
        "recent_commits lists the latest commits; summarize_history aggregates activity over recent days."
    ),
)

GIT_TIMEOUT = 30
RECORD, FIELD = "\x1e", "\x1f"
_ENV = {
    **os.environ,
    "GIT_TERMINAL_PROMPT": "0",  # never wait for credentials
    "GIT_OPTIONAL_LOCKS": "0",  # do not refresh the index or take locks: stay read-only
    "GIT_PAGER": "cat",
    "LC_ALL": "C",
}
_SHORTSTAT = {key: re.compile(rf"(\d+) {key}") for key in ("file", "insertion", "deletion")}


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            check=False,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            env=_ENV,
        )
    except FileNotFoundError:
        raise ValueError("git is not installed or not on PATH; install git to use this skill") from None
    except subprocess.TimeoutExpired:
        raise ValueError(f"git ran over {GIT_TIMEOUT} s; narrow the range (fewer days or commits)") from None


def _error(proc: subprocess.CompletedProcess[str], repo: Path) -> ValueError:
    message = proc.stderr.strip() or proc.stdout.strip() or f"exit status {proc.returncode}"
    if "not a git repository" in message.lower():
        return ValueError(f"{repo} is not a git repository (no .git in it or any parent folder); "
                          "pass the folder that contains .git")
    if "dubious ownership" in message:
        return ValueError(f"git refuses to read {repo} because it is owned by another user; the user can allow "
                          f"it with: git config --global --add safe.directory {repo}")
    return ValueError(f"git failed: {message.splitlines()[0]}")


def _repo(repo_path: str) -> Path:
    if not isinstance(repo_path, str) or not repo_path.strip():
        raise ValueError("repo_path is required: the folder of a git repository, e.g. /home/me/project")
    repo = Path(repo_path).expanduser().resolve()
    if not repo.exists():
        raise ValueError(f"path does not exist: {repo}")
    if not repo.is_dir():
        raise ValueError(f"not a folder: {repo}; pass the repository folder, not a file inside it")
    return repo


def _checked(repo_path: str) -> tuple[Path, bool]:
    """Resolve a repository; return (path, has_commits) or raise a helpful ValueError."""
    repo = _repo(repo_path)
    proc = _git(repo, "rev-parse", "--git-dir")
    if proc.returncode != 0:
        raise _error(proc, repo)
    return repo, _git(repo, "rev-parse", "--verify", "--quiet", "HEAD").returncode == 0


def _log(repo: Path, *args: str) -> list[str]:
    proc = _git(repo, "log", "--no-color", "--no-renames", *args)
    if proc.returncode != 0:
        raise _error(proc, repo)
    return [chunk for chunk in proc.stdout.split(RECORD) if chunk.strip()]


@mcp.tool()
def check_repository(repo_path: str = ".") -> dict:
    """Check whether a folder is inside a git repository and report its root, branch and HEAD.

    Args:
        repo_path: Folder to check (default: the current working directory).

    Never fails for an existing folder that is not a repository: returns is_repository false instead.
    """
    repo = _repo(repo_path)
    version = _git(repo, "--version").stdout.strip().removeprefix("git version ")
    info: dict = {"path": str(repo), "git_version": version}
    proc = _git(repo, "rev-parse", "--git-dir")
    if proc.returncode != 0:
        return {**info, "is_repository": False, "reason": str(_error(proc, repo))}
    root = _git(repo, "rev-parse", "--show-toplevel").stdout.strip()  # empty for bare repositories
    branch = _git(repo, "symbolic-ref", "--short", "-q", "HEAD").stdout.strip()  # empty when detached
    head = _git(repo, "log", "-1", "--format=%h %s").stdout.strip()  # empty before the first commit
    return {
        **info,
        "is_repository": True,
        "root": root or None,
        "branch": branch or None,
        "has_commits": bool(head),
        "head": head or None,
    }


@mcp.tool()
def recent_commits(repo_path: str, limit: int = 20, since: str | None = None, file: str | None = None) -> dict:
    """List the most recent commits (newest first) with author, date, subject and change size.

    Args:
        repo_path: Folder of the git repository (or any folder inside it).
        limit: Maximum commits to return (1-500, default 20).
        since: Only commits after this date, in any form git understands: "2024-05-01", "2 weeks ago",
            "yesterday".
        file: Only commits that touched this path (relative to the repository root, or absolute).

    Each commit has hash, short_hash, author, email, date (ISO 8601), subject, is_merge, files_changed,
    insertions and deletions.
    """
    if not 1 <= limit <= 500:
        raise ValueError(f"limit must be between 1 and 500, got {limit}")
    repo, has_commits = _checked(repo_path)
    if not has_commits:
        return {"repository": str(repo), "count": 0, "commits": [], "note": "the repository has no commits yet"}
    fields = FIELD.join(["%H", "%h", "%aN", "%aE", "%aI", "%P", "%s"])
    args = [f"--max-count={limit}", "--shortstat", f"--format={RECORD}{fields}"]
    if since:
        args.append(f"--since={since}")
    if file:  # ":(top)" makes relative paths start at the repository root, whatever repo_path points into
        target = Path(file).expanduser()
        args += ["--", str(target.resolve()) if target.is_absolute() else f":(top){file}"]
    commits = []
    for chunk in _log(repo, *args):
        header, _, stat = chunk.partition("\n")
        full, short, author, email, when, parents, subject = header.split(FIELD, 6)
        numbers = {k: int(m.group(1)) if (m := rx.search(stat)) else 0 for k, rx in _SHORTSTAT.items()}
        commits.append(
            {
                "hash": full,
                "short_hash": short,
                "author": author,
                "email": email,
                "date": when,
                "subject": subject,
                "is_merge": len(parents.split()) > 1,
                "files_changed": numbers["file"],
                "insertions": numbers["insertion"],
                "deletions": numbers["deletion"],
            }
        )
    return {"repository": str(repo), "count": len(commits), "commits": commits}


@mcp.tool()
def summarize_history(repo_path: str, days: int = 30, top: int = 10) -> dict:
    """Summarise the last N days of commits: per author, most-changed files, commits per day and weekday.

    Args:
        repo_path: Folder of the git repository.
        days: How many days back to look, counted from now (1-3650, default 30).
        top: How many authors and files to list (1-100, default 10).

    Returns total commits, lines added/deleted, active days, first/last commit dates, top authors
    {name, email, commits, lines_added, lines_deleted}, top files {path, commits, lines_added, lines_deleted},
    commits_per_day {YYYY-MM-DD: n} (only days with commits) and commits_per_weekday.
    """
    if not 1 <= days <= 3650:
        raise ValueError(f"days must be between 1 and 3650, got {days}")
    if not 1 <= top <= 100:
        raise ValueError(f"top must be between 1 and 100, got {top}")
    repo, has_commits = _checked(repo_path)
    fields = FIELD.join(["%H", "%aN", "%aE", "%aI"])
    chunks = []
    if has_commits:
        chunks = _log(repo, f"--since={days} days ago", "--numstat", f"--format={RECORD}{fields}")
    authors: dict[str, dict] = {}
    files: dict[str, Counter[str]] = defaultdict(Counter)
    per_day: Counter[str] = Counter()
    added_total = deleted_total = 0
    for chunk in chunks:
        header, *stats = chunk.strip("\n").split("\n")
        _, name, email, when = header.split(FIELD, 3)
        blank = {"name": name, "email": email, "commits": 0, "lines_added": 0, "lines_deleted": 0}
        author = authors.setdefault(name, blank)
        author["commits"] += 1
        per_day[when[:10]] += 1
        for line in filter(None, stats):
            added, deleted, path = line.split("\t", 2)
            plus, minus = (int(added) if added.isdigit() else 0), (int(deleted) if deleted.isdigit() else 0)
            files[path].update(commits=1, lines_added=plus, lines_deleted=minus)
            author["lines_added"] += plus
            author["lines_deleted"] += minus
            added_total += plus
            deleted_total += minus
    ranked_files = sorted(
        files.items(), key=lambda kv: (-kv[1]["commits"], -kv[1]["lines_added"] - kv[1]["lines_deleted"], kv[0])
    )
    weekdays = Counter(date.fromisoformat(day).strftime("%A") for day in per_day.elements())
    return {
        "repository": str(repo),
        "days": days,
        "commits": sum(per_day.values()),
        "lines_added": added_total,
        "lines_deleted": deleted_total,
        "active_days": len(per_day),
        "first_commit": min(per_day) if per_day else None,
        "last_commit": max(per_day) if per_day else None,
        "authors_total": len(authors),
        "authors": sorted(authors.values(), key=lambda a: (-a["commits"], a["name"]))[:top],
        "files_total": len(files),
        "files": [{"path": path, **dict(stats)} for path, stats in ranked_files[:top]],
        "commits_per_day": dict(sorted(per_day.items())),
        "commits_per_weekday": dict(weekdays.most_common()),
    }


if __name__ == "__main__":
    mcp.run()
