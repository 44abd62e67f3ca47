"""Tests for the sqlite-reader skill."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKILL_DIR = HERE.parent
sys.path.insert(0, str(SKILL_DIR.parent.parent / "resources" / "python"))
sys.path.insert(0, str(SKILL_DIR))
import skill  # noqa: E402

SCHEMA = r'''
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, avatar BLOB);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    total REAL DEFAULT 0,
    "odd ""name""" TEXT
);
CREATE INDEX idx_orders_user ON orders(user_id);
CREATE VIEW big_spenders AS SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id HAVING spent > 10;
INSERT INTO users (name, email, avatar) VALUES ('Ann', 'ann@example.com', x'89504e47'), ('Bob', 'bob@example.com', NULL),
    ('Cy', NULL, NULL);
INSERT INTO orders (user_id, total) VALUES (1, 9.5), (1, 20), (2, 3.25);
'''



class SqliteReaderTest(unittest.TestCase):
    def setUp(self) -> None:
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = Path(tmp.name)
        self.db = self.dir / "shop data.db"  # a space exercises URI quoting
        with sqlite3.connect(self.db) as conn:
            conn.executescript(SCHEMA)
        conn.close()
        self.path = str(self.db)

    def digest(self) -> str:
        return hashlib.sha256(self.db.read_bytes()).hexdigest()

    def test_list_tables(self) -> None:
        result = skill.list_tables(self.path)
        self.assertEqual(result["count"], 3)
        self.assertEqual(
            result["tables"],
            [
                {"name": "big_spenders", "type": "view"},
                {"name": "orders", "type": "table", "rows": 3},
                {"name": "users", "type": "table", "rows": 3},
            ],
        )

    def test_describe_table(self) -> None:
        info = skill.describe_table(self.path, "ORDERS", sample_rows=2)
        self.assertEqual(info["name"], "orders")
        self.assertEqual([c["name"] for c in info["columns"]], ["id", "user_id", "total", 'odd "name"'])
        self.assertEqual(info["columns"][0]["primary_key"], 1)
        self.assertEqual(info["columns"][2]["default"], "0")
        self.assertEqual(info["indexes"], [{"name": "idx_orders_user", "unique": False, "columns": ["user_id"]}])
        foreign_key = {"column": "user_id", "references": "users(id)", "on_delete": "CASCADE"}
        self.assertEqual(info["foreign_keys"], [foreign_key])
        self.assertEqual((info["rows"], len(info["sample"])), (3, 2))
        self.assertIn("CREATE TABLE orders", info["sql"])
        users = skill.describe_table(self.path, "users", sample_rows=1)
        self.assertEqual(users["sample"][0][3], {"blob_bytes": 4, "hex_prefix": "89504e47"})
        self.assertTrue(users["columns"][1]["not_null"])

    def test_describe_unknown_table_suggests_names(self) -> None:
        with self.assertRaisesRegex(ValueError, "no table or view named 'user'; did you mean users"):
            skill.describe_table(self.path, "user")

    def test_query_with_params_and_limit(self) -> None:
        result = skill.query(self.path, "SELECT name FROM users WHERE id >= ? ORDER BY id", params=[2])
        self.assertEqual(result, {"columns": ["name"], "rows": [["Bob"], ["Cy"]], "row_count": 2, "truncated": False})
        capped = skill.query(self.path, "SELECT * FROM orders ORDER BY id;", limit=2)
        self.assertEqual((capped["row_count"], capped["truncated"]), (2, True))
        joined = skill.query(
            self.path,
            "WITH s AS (SELECT user_id, sum(total) t FROM orders GROUP BY 1) "
            "SELECT u.name, s.t FROM s JOIN users u ON u.id = s.user_id ORDER BY s.t DESC -- biggest first",
        )
        self.assertEqual(joined["rows"], [["Ann", 29.5], ["Bob", 3.25]])

    def test_read_statements_allowed(self) -> None:
        self.assertEqual(skill.query(self.path, "PRAGMA table_info(users)")["row_count"], 4)
        self.assertEqual(skill.query(self.path, "PRAGMA user_version")["rows"], [[0]])
        plan = skill.query(self.path, "EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 1")
        self.assertIn("idx_orders_user", json.dumps(plan))
        self.assertEqual(skill.query(self.path, "SELECT 'a;b' AS s /* ; */")["rows"], [["a;b"]])
        self.assertEqual(skill.query(":memory:", "VALUES (1, 2)")["rows"], [[1, 2]])

    def test_refuses_writes_and_never_modifies_the_file(self) -> None:
        before, mtime = self.digest(), self.db.stat().st_mtime_ns
        refused = {
            "INSERT INTO users (name) VALUES ('Eve')": "INSERT statements are not allowed",
            "UPDATE users SET name = 'x'": "UPDATE statements are not allowed",
            "DELETE FROM orders": "DELETE statements are not allowed",
            "DROP TABLE users": "DROP statements are not allowed",
            "CREATE TABLE t (x)": "CREATE statements are not allowed",
            "VACUUM": "VACUUM statements are not allowed",
            f"ATTACH DATABASE '{self.dir / 'other.db'}' AS o": "ATTACH statements are not allowed",
            "SELECT 1; DROP TABLE users": "only a single statement",
            "SELECT 1; SELECT 2;": "only a single statement",
            "WITH x AS (SELECT 1) DELETE FROM users": "read-only",
            "EXPLAIN DELETE FROM users": "read-only",
            "PRAGMA journal_mode = WAL": "PRAGMA assignments",
            "PRAGMA query_only(0)": "read-only",
            "PRAGMA writable_schema": "read-only",
            "SELECT 'unterminated": "incomplete",
            "   ": "empty",
        }
        for sql, message in refused.items():
            with self.subTest(sql=sql), self.assertRaisesRegex(ValueError, message):
                skill.query(self.path, sql)
        self.assertEqual(skill.query(self.path, "SELECT count(*) FROM users")["rows"], [[3]])
        self.assertEqual((self.digest(), self.db.stat().st_mtime_ns), (before, mtime))
        self.assertEqual(sorted(p.name for p in self.dir.iterdir()), ["shop data.db"])  # no journal, no other.db

    def test_missing_and_invalid_files(self) -> None:
        with self.assertRaisesRegex(ValueError, "database file not found"):
            skill.list_tables(str(self.dir / "nope.db"))
        self.assertFalse((self.dir / "nope.db").exists())
        with self.assertRaisesRegex(ValueError, "not a file"):
            skill.list_tables(str(self.dir))
        text_file = self.dir / "notes.txt"
        text_file.write_text("hello, this is not a database")
        with self.assertRaisesRegex(ValueError, "not a SQLite 3 database"):
            skill.query(str(text_file), "SELECT 1")
        with self.assertRaisesRegex(ValueError, "no such table: nope"):
            skill.query(self.path, "SELECT * FROM nope")

    def test_bad_arguments_and_timeout(self) -> None:
        with self.assertRaisesRegex(ValueError, "limit must be between"):
            skill.query(self.path, "SELECT 1", limit=0)
        with self.assertRaisesRegex(ValueError, "params must be a list"):
            skill.query(self.path, "SELECT ?", params="x")  # type: ignore[arg-type]
        original = skill.QUERY_SECONDS
        skill.QUERY_SECONDS = 0.2
        self.addCleanup(setattr, skill, "QUERY_SECONDS", original)
        endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        with self.assertRaisesRegex(ValueError, "query ran over"):
            skill.query(self.path, endless)


if __name__ == "__main__":
    unittest.main()
