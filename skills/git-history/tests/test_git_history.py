"""Tests for the git-history skill, against real temporary repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKILL_DIR = HERE.parent
sys.path.insert(0, str(SKILL_DIR.parent.parent / "resources" / "python"))
sys.path.insert(0, str(SKILL_DIR))
import skill  # noqa: E402

NOW = datetime.now(timezone.utc).replace(microsecond=0)



@unittest.skipUnless(shutil.which("git"), "git is not installed")
class GitHistoryTest(unittest.TestCase):
    def setUp(self) -> None:
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.root = Path(tmp.name)
        self.repo = self.root / "repo"
        self.repo.mkdir()
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, author: str = "Ann", when: datetime | None = None) -> str:
        stamp = (when or NOW).isoformat()
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        command = ["git", "-c", f"user.name={author}", "-c", f"user.email={author.lower()}@example.com",
                   "-c", "commit.gpgsign=false", *args]
        return subprocess.run(command, cwd=self.repo, env=env, check=True, capture_output=True, text=True).stdout

    def commit(self, message: str, files: dict[str, str | bytes], author: str = "Ann", days_ago: float = 0) -> None:
        for name, content in files.items():
            path = self.repo / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, author=author, when=NOW - timedelta(days=days_ago))

    def build_history(self) -> None:
        self.commit("ancient import", {"old.txt": "old\n"}, days_ago=400)
        self.commit("add app", {"app.py": "a\nb\nc\n", "README.md": "hi\n"}, days_ago=3)
        self.commit("fix app", {"app.py": "a\nB\nc\nd\n"}, author="Bob", days_ago=2)
        self.commit("add logo", {"logo.bin": b"\x00\x01\x02"}, author="Bob", days_ago=2)
        self.commit("tweak app", {"app.py": "a\nB\nc\nd\ne\n"}, days_ago=1)

    def test_recent_commits(self) -> None:
        self.build_history()
        result = skill.recent_commits(str(self.repo), limit=3)
        self.assertEqual(result["count"], 3)
        self.assertEqual([c["subject"] for c in result["commits"]], ["tweak app", "add logo", "fix app"])
        fix = result["commits"][2]
        self.assertEqual((fix["author"], fix["email"]), ("Bob", "bob@example.com"))
        self.assertEqual((fix["files_changed"], fix["insertions"], fix["deletions"]), (1, 2, 1))
        self.assertEqual(len(fix["hash"]), 40)
        self.assertTrue(fix["hash"].startswith(fix["short_hash"]))
        self.assertFalse(fix["is_merge"])
        self.assertEqual(datetime.fromisoformat(fix["date"]), NOW - timedelta(days=2))

    def test_since_and_file_filters(self) -> None:
        self.build_history()
        recent = skill.recent_commits(str(self.repo), since="30 days ago")
        self.assertEqual(recent["count"], 4)
        dated = skill.recent_commits(str(self.repo), since=(NOW - timedelta(days=2, hours=12)).isoformat())
        self.assertNotIn("add app", [c["subject"] for c in dated["commits"]])
        touched = skill.recent_commits(str(self.repo), file="app.py")
        self.assertEqual([c["subject"] for c in touched["commits"]], ["tweak app", "fix app", "add app"])
        (self.repo / "docs").mkdir()
        from_subfolder = skill.recent_commits(str(self.repo / "docs"), file="app.py")  # still root-relative
        self.assertEqual(from_subfolder["count"], 3)
        absolute = skill.recent_commits(str(self.repo), file=str(self.repo / "README.md"))
        self.assertEqual([c["subject"] for c in absolute["commits"]], ["add app"])

    def test_merge_commits_are_flagged(self) -> None:
        self.commit("base", {"a.txt": "1\n"}, days_ago=1)
        self.git("checkout", "-q", "-b", "feature")
        self.commit("feature work", {"b.txt": "2\n"})
        self.git("checkout", "-q", "main")
        self.commit("main work", {"c.txt": "3\n"})
        self.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
        latest = skill.recent_commits(str(self.repo), limit=1)["commits"][0]
        self.assertEqual((latest["subject"], latest["is_merge"]), ("merge feature", True))

    def test_summarize_history(self) -> None:
        self.build_history()
        summary = skill.summarize_history(str(self.repo), days=30, top=2)
        self.assertEqual(summary["commits"], 4)  # the 400-day-old commit is outside the window
        self.assertEqual(summary["authors_total"], 2)
        self.assertEqual(
            summary["authors"],
            [
                {"name": "Ann", "email": "ann@example.com", "commits": 2, "lines_added": 5, "lines_deleted": 0},
                {"name": "Bob", "email": "bob@example.com", "commits": 2, "lines_added": 2, "lines_deleted": 1},
            ],
        )
        self.assertEqual(summary["files"][0], {"path": "app.py", "commits": 3, "lines_added": 6, "lines_deleted": 1})
        self.assertEqual((summary["files_total"], len(summary["files"])), (3, 2))
        day = lambda n: (NOW - timedelta(days=n)).date().isoformat()  # noqa: E731
        self.assertEqual(summary["commits_per_day"], {day(3): 1, day(2): 2, day(1): 1})
        self.assertEqual((summary["first_commit"], summary["last_commit"], summary["active_days"]), (day(3), day(1), 3))
        self.assertEqual(sum(summary["commits_per_weekday"].values()), 4)
        self.assertEqual((summary["lines_added"], summary["lines_deleted"]), (7, 1))
        self.assertEqual(skill.summarize_history(str(self.repo), days=1000)["commits"], 5)

    def test_check_repository(self) -> None:
        self.commit("first", {"a.txt": "1\n"})
        (self.repo / "sub").mkdir()
        info = skill.check_repository(str(self.repo / "sub"))
        self.assertTrue(info["is_repository"])
        self.assertEqual(Path(info["root"]).resolve(), self.repo.resolve())
        self.assertEqual((info["branch"], info["has_commits"]), ("main", True))
        self.assertTrue(info["head"].endswith(" first"))
        plain = skill.check_repository(str(self.root))
        self.assertFalse(plain["is_repository"])
        self.assertIn("not a git repository", plain["reason"])

    def test_empty_repository(self) -> None:
        self.assertEqual(skill.recent_commits(str(self.repo))["commits"], [])
        self.assertEqual(skill.summarize_history(str(self.repo))["commits"], 0)
        self.assertFalse(skill.check_repository(str(self.repo))["has_commits"])

    def test_repository_is_not_modified(self) -> None:
        self.build_history()
        (self.repo / "app.py").write_text("uncommitted change\n")
        before = (self.git("status", "--porcelain"), self.git("rev-parse", "HEAD"))
        skill.recent_commits(str(self.repo))
        skill.summarize_history(str(self.repo))
        skill.check_repository(str(self.repo))
        self.assertEqual((self.git("status", "--porcelain"), self.git("rev-parse", "HEAD")), before)
        self.assertFalse((self.repo / ".git" / "index.lock").exists())

    def test_errors(self) -> None:
        with self.assertRaisesRegex(ValueError, "is not a git repository"):
            skill.recent_commits(str(self.root))
        with self.assertRaisesRegex(ValueError, "path does not exist"):
            skill.summarize_history(str(self.root / "missing"))
        (self.root / "file.txt").write_text("x")
        with self.assertRaisesRegex(ValueError, "not a folder"):
            skill.recent_commits(str(self.root / "file.txt"))
        with self.assertRaisesRegex(ValueError, "repo_path is required"):
            skill.recent_commits("  ")
        with self.assertRaisesRegex(ValueError, "limit must be between 1 and 500"):
            skill.recent_commits(str(self.repo), limit=0)
        with self.assertRaisesRegex(ValueError, "days must be between"):
            skill.summarize_history(str(self.repo), days=0)

    def test_missing_git_binary(self) -> None:
        original = skill._ENV
        skill._ENV = {**original, "PATH": str(self.root / "no-bin")}
        self.addCleanup(setattr, skill, "_ENV", original)
        with self.assertRaisesRegex(ValueError, "git is not installed or not on PATH"):
            skill.recent_commits(str(self.repo))


if __name__ == "__main__":
    unittest.main()
