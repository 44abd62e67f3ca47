"""Tests for the csv-profiler skill."""

from __future__ import annotations

import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKILL_DIR = HERE.parent
sys.path.insert(0, str(SKILL_DIR.parent.parent / "resources" / "python"))
sys.path.insert(0, str(SKILL_DIR))
import skill  # noqa: E402

SALES = (
    "order_id;customer;amount;paid;ordered_on;zip;note\n"
    "1;Ann;19.99;true;2024-01-05;01234;\n"
    "2;Bob;5;false;2024-02-10;98101;rush\n"
    "3;Ann;N/A;yes;2023-12-31;01234;\"gift; wrapped\"\n"
    "\n"
    "4;Dee;120.5;no;2024-03-01T09:30:00;10001;\n"
)



class ProfileTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = Path(self.tmp.name)

    def write(self, name: str, data: bytes) -> str:
        path = self.dir / name
        path.write_bytes(data)
        return str(path)

    def columns(self, result: dict) -> dict:
        return {c["name"]: c for c in result["column_profiles"]}

    def test_profiles_file_with_sniffed_delimiter(self) -> None:
        path = self.write("sales.csv", b"\xef\xbb\xbf" + SALES.encode())  # with a UTF-8 BOM
        result = skill.profile_csv(path=path)
        self.assertEqual((result["delimiter"], result["rows"], result["columns"]), (";", 4, 7))
        self.assertEqual((result["encoding"], result["truncated"], result["ragged_rows"]), ("utf-8", False, 0))
        cols = self.columns(result)
        self.assertIn("order_id", cols)  # BOM stripped from the first header
        self.assertEqual(
            {name: c["type"] for name, c in cols.items()},
            {"order_id": "integer", "customer": "string", "amount": "float", "paid": "boolean",
             "ordered_on": "date", "zip": "string", "note": "string"},
        )
        amount = cols["amount"]
        self.assertEqual((amount["nulls"], amount["non_null"], amount["min"], amount["max"]), (1, 3, 5.0, 120.5))
        self.assertAlmostEqual(amount["mean"], (19.99 + 5 + 120.5) / 3, places=5)
        self.assertEqual(cols["order_id"]["min"], 1)
        self.assertEqual(cols["customer"]["unique"], 3)
        self.assertEqual(cols["customer"]["top_values"][0], {"value": "Ann", "count": 2})
        self.assertEqual(cols["ordered_on"]["min"], "2023-12-31")
        self.assertEqual(cols["note"]["nulls"], 2)
        self.assertIn({"value": "gift; wrapped", "count": 1}, cols["note"]["top_values"])

    def test_text_input_and_mixed_types(self) -> None:
        result = skill.profile_csv(text="id,score\n1,10\n2,abc\n3,\n4,12\n", top_values=0)
        score = self.columns(result)["score"]
        self.assertEqual(score["type"], "string")
        self.assertEqual(score["type_counts"], {"integer": 2, "string": 1, "null": 1})
        self.assertNotIn("top_values", score)
        self.assertEqual(result["source"], "text")

    def test_max_rows_truncates(self) -> None:
        text = "n\n" + "".join(f"{i}\n" for i in range(50))
        result = skill.profile_csv(text=text, max_rows=10)
        self.assertEqual((result["rows"], result["truncated"]), (10, True))
        self.assertEqual(self.columns(result)["n"]["max"], 9)

    def test_ragged_rows_duplicate_headers_and_no_header(self) -> None:
        result = skill.profile_csv(text="a,a,\n1,2,3\n4,5\n6,7,8,9\n")
        self.assertEqual([c["name"] for c in result["column_profiles"]], ["a", "a_2", "column_3"])
        self.assertEqual(result["ragged_rows"], 2)
        headless = skill.profile_csv(text="1\t2\n3\t4\n", has_header=False, delimiter="\\t")
        self.assertEqual((headless["rows"], headless["delimiter"]), (2, "\t"))
        self.assertEqual(headless["column_profiles"][0]["name"], "column_1")

    def test_header_only_and_cp1252(self) -> None:
        result = skill.profile_csv(text="x,y\n")
        self.assertEqual((result["rows"], result["column_profiles"][0]["type"]), (0, "empty"))
        path = self.write("latin.csv", "city,temp\nKöln,12\nMünchen,14\n".encode("cp1252"))
        result = skill.profile_csv(path=path)
        self.assertEqual(result["encoding"], "cp1252")
        self.assertEqual(self.columns(result)["city"]["top_values"][0]["value"], "Köln")

    def test_errors(self) -> None:
        with self.assertRaisesRegex(ValueError, "exactly one of path"):
            skill.profile_csv()
        with self.assertRaisesRegex(ValueError, "exactly one of path"):
            skill.profile_csv(path="a.csv", text="a\n1\n")
        with self.assertRaisesRegex(ValueError, "file not found: .*missing.csv"):
            skill.profile_csv(path=str(self.dir / "missing.csv"))
        with self.assertRaisesRegex(ValueError, "not a regular file"):
            skill.profile_csv(path=str(self.dir))
        with self.assertRaisesRegex(ValueError, "empty"):
            skill.profile_csv(text="  \n")
        with self.assertRaisesRegex(ValueError, "delimiter must be one character"):
            skill.profile_csv(text="a\n1\n", delimiter=";;")
        with self.assertRaisesRegex(ValueError, "max_rows"):
            skill.profile_csv(text="a\n1\n", max_rows=0)


class PreviewTest(unittest.TestCase):
    def test_preview_rows(self) -> None:
        result = skill.preview_csv(text=SALES, rows=2)
        self.assertEqual(result["delimiter"], ";")
        self.assertEqual(result["columns"][:2], ["order_id", "customer"])
        self.assertEqual(len(result["rows"]), 2)
        self.assertEqual(result["rows"][1]["customer"], "Bob")

    def test_preview_skips_blank_lines_and_pads_short_rows(self) -> None:
        result = skill.preview_csv(text="a|b\n\n1\n2|3\n")
        self.assertEqual(result["rows"], [{"a": "1", "b": ""}, {"a": "2", "b": "3"}])

    def test_bad_rows(self) -> None:
        with self.assertRaisesRegex(ValueError, "rows must be between 1 and 500"):
            skill.preview_csv(text="a\n1\n", rows=0)


if __name__ == "__main__":
    unittest.main()
