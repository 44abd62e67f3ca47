"""Tests for the json-tools skill."""

from __future__ import annotations

import json
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKILL_DIR = HERE.parent
sys.path.insert(0, str(SKILL_DIR.parent.parent / "resources" / "python"))
sys.path.insert(0, str(SKILL_DIR))
import skill  # noqa: E402

DOC = json.dumps(
    {
        "items": [{"id": 1, "name": "a", "tags": ["x", "y"]}, {"id": 2, "name": "b"}, {"id": 3}],
        "a.b": {"c": 5},
        "config": {"debug": True, "level": 2},
    }
)



def validate(document: object, schema: object) -> dict:
    return skill.json_validate(json.dumps(document), json.dumps(schema))


class QueryTest(unittest.TestCase):
    def query(self, path: str) -> list:
        return skill.json_query(DOC, path)["values"]

    def test_paths(self) -> None:
        self.assertEqual(self.query("items[0].name"), ["a"])
        self.assertEqual(self.query("$.items[0].name"), ["a"])
        self.assertEqual(self.query("items.1.id"), [2])
        self.assertEqual(self.query("items[-1]"), [{"id": 3}])
        self.assertEqual(self.query("items[*].id"), [1, 2, 3])
        self.assertEqual(self.query("items[*].name"), ["a", "b"])  # missing keys skipped under wildcards
        self.assertEqual(self.query("items[0:2].id"), [1, 2])
        self.assertEqual(self.query("items[*].tags[1]"), ["y"])
        self.assertEqual(self.query('["a.b"].c'), [5])
        self.assertEqual(self.query("config.*"), [True, 2])
        self.assertEqual(len(self.query("")), 1)

    def test_pointers(self) -> None:
        result = skill.json_query(DOC, "items[*].id")
        self.assertEqual(result["count"], 3)
        self.assertEqual(result["pointers"], ["/items/0/id", "/items/1/id", "/items/2/id"])
        self.assertEqual(skill.json_query(DOC, '["a.b"]')["pointers"], ["/a.b"])

    def test_errors(self) -> None:
        with self.assertRaisesRegex(ValueError, "available keys: items, a.b, config"):
            skill.json_query(DOC, "nope")
        with self.assertRaisesRegex(ValueError, "array of 3 items"):
            skill.json_query(DOC, "items[5]")
        with self.assertRaisesRegex(ValueError, "invalid path"):
            skill.json_query(DOC, "items..id")
        with self.assertRaisesRegex(ValueError, "invalid path"):
            skill.json_query(DOC, "items[0]name")
        with self.assertRaisesRegex(ValueError, "document is not valid JSON: .* line 1, column"):
            skill.json_query("{'single': 'quotes'}", "single")


class ValidateTest(unittest.TestCase):
    SCHEMA = {
        "type": "object",
        "required": ["id", "email"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "email": {"type": "string", "pattern": "^[^@]+@[^@]+$", "maxLength": 40},
            "role": {"enum": ["admin", "user"]},
            "tags": {"type": "array", "items": {"type": "string", "minLength": 2}, "uniqueItems": True},
            "score": {"type": ["number", "null"], "exclusiveMaximum": 10},
            "owner": {"$ref": "#/$defs/person"},
        },
        "$defs": {"person": {"type": "object", "required": ["name"]}},
    }

    def test_valid_document(self) -> None:
        doc = {"id": 3, "email": "a@b.c", "role": "user", "tags": ["ab", "cd"], "score": None, "owner": {"name": "x"}}
        result = validate(doc, self.SCHEMA)
        self.assertEqual(result, {"valid": True, "error_count": 0, "errors": [], "ignored_keywords": []})

    def test_reports_every_error_with_pointer(self) -> None:
        doc = {"id": 0, "role": "root", "tags": ["ok", "x", "ok"], "score": 10, "owner": {}, "extra": 1}
        errors = {(e["pointer"], e["keyword"]) for e in validate(doc, self.SCHEMA)["errors"]}
        self.assertEqual(
            errors,
            {
                ("", "required"),
                ("/id", "minimum"),
                ("/role", "enum"),
                ("/tags/1", "minLength"),
                ("/tags/2", "uniqueItems"),
                ("/score", "exclusiveMaximum"),
                ("/owner", "required"),
                ("/extra", "additionalProperties"),
            },
        )

    def test_types(self) -> None:
        self.assertTrue(validate(2.0, {"type": "integer"})["valid"])
        self.assertFalse(validate(True, {"type": "integer"})["valid"])
        self.assertEqual(validate("7", {"type": "number"})["errors"][0]["message"], "expected number, got string")
        self.assertFalse(validate(1, {"enum": [True]})["valid"])
        self.assertTrue(validate({"a": "b"}, {"maxProperties": 1})["valid"])

    def test_combinators_and_pointer_escaping(self) -> None:
        schema = {"properties": {"a/b": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}
        result = validate({"a/b": 1.5}, schema)
        self.assertEqual(result["errors"][0]["pointer"], "/a~1b")
        self.assertFalse(validate(5, {"oneOf": [{"minimum": 1}, {"maximum": 10}]})["valid"])
        self.assertFalse(validate("x", {"not": {"type": "string"}})["valid"])

    def test_ignored_keywords_are_reported(self) -> None:
        result = validate("x", {"type": "string", "title": "t", "x-unknown": 1, "contains": {}})
        self.assertEqual(result["ignored_keywords"], ["contains", "x-unknown"])

    def test_bad_schema(self) -> None:
        with self.assertRaisesRegex(ValueError, "unknown schema type 'str'"):
            validate("x", {"type": "str"})
        with self.assertRaisesRegex(ValueError, "not a valid regular expression"):
            validate("x", {"pattern": "("})
        with self.assertRaisesRegex(ValueError, "does not resolve"):
            validate("x", {"$ref": "#/$defs/missing"})
        with self.assertRaisesRegex(ValueError, "schema is not valid JSON"):
            skill.json_validate("{}", "{type: object}")


class FormatTest(unittest.TestCase):
    def test_pretty_and_compact(self) -> None:
        self.assertEqual(skill.json_format('{"b":1,"a":[1]}'), '{\n  "b": 1,\n  "a": [\n    1\n  ]\n}')
        self.assertEqual(skill.json_format('{"b": 1, "a": 2}', indent=0, sort_keys=True), '{"a":2,"b":1}')
        self.assertEqual(skill.json_format('"caf\\u00e9"'), '"café"')

    def test_errors(self) -> None:
        with self.assertRaisesRegex(ValueError, "indent must be between 0 and 8"):
            skill.json_format("{}", indent=12)
        with self.assertRaisesRegex(ValueError, "NaN is not a JSON value"):
            skill.json_format("[NaN]")


if __name__ == "__main__":
    unittest.main()
