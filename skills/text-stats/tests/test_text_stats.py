"""Tests for the text-stats skill."""

from __future__ import annotations

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKILL_DIR = HERE.parent
sys.path.insert(0, str(SKILL_DIR.parent.parent / "resources" / "python"))
sys.path.insert(0, str(SKILL_DIR))
import skill  # noqa: E402

SAMPLE = """The quick brown fox jumps over the lazy dog. The dog sleeps!

Is the fox quick? Yes, the fox is quick and clever. Dr. Smith lives 3.5 km away."""



class TextStatisticsTest(unittest.TestCase):
    def test_counts(self) -> None:
        stats = skill.text_statistics(SAMPLE)
        self.assertEqual(stats["words"], 29)
        self.assertEqual(stats["sentences"], 5)  # "Dr." is not a sentence end, "3.5" is not either
        self.assertEqual(stats["paragraphs"], 2)
        self.assertEqual(stats["characters"], len(SAMPLE))
        self.assertEqual(stats["characters_no_spaces"], len("".join(SAMPLE.split())))
        self.assertAlmostEqual(stats["reading_time_minutes"], round(29 / 238, 2))

    def test_readability_orders_texts(self) -> None:
        easy = skill.text_statistics("The cat sat on the mat. The dog ran. We had fun.")
        hard = skill.text_statistics(
            "Notwithstanding considerable methodological heterogeneity, the investigators "
            "characterised organisational interdependencies comprehensively."
        )
        self.assertGreater(easy["flesch_reading_ease"], hard["flesch_reading_ease"])
        self.assertLess(easy["flesch_kincaid_grade"], hard["flesch_kincaid_grade"])
        self.assertIn(hard["readability"], {"difficult", "very difficult"})

    def test_syllable_heuristic(self) -> None:
        self.assertEqual(skill._syllables("cat"), 1)
        self.assertEqual(skill._syllables("table"), 2)
        self.assertEqual(skill._syllables("wonderful"), 3)

    def test_rejects_empty_text(self) -> None:
        with self.assertRaisesRegex(ValueError, "empty"):
            skill.text_statistics("   \n ")
        with self.assertRaisesRegex(ValueError, "no words"):
            skill.text_statistics("!!! ... ???")


class TopWordsTest(unittest.TestCase):
    def test_frequencies_skip_stopwords(self) -> None:
        result = skill.top_words(SAMPLE, top=3)
        self.assertEqual([t["term"] for t in result["top"]], ["fox", "quick", "dog"])
        self.assertEqual(result["top"][0]["count"], 3)
        self.assertNotIn("the", [t["term"] for t in result["top"]])

    def test_stopwords_off_and_min_length(self) -> None:
        result = skill.top_words(SAMPLE, top=1, stopwords=False, min_length=1)
        self.assertEqual(result["top"][0], {"term": "the", "count": 5, "share": round(5 / 29, 4)})

    def test_ngrams(self) -> None:
        result = skill.top_words("big data and big data tools for big data", ngram=2, top=1)
        self.assertEqual(result["top"][0]["term"], "big data")
        self.assertEqual(result["top"][0]["count"], 3)

    def test_bad_arguments(self) -> None:
        with self.assertRaisesRegex(ValueError, "top must be between"):
            skill.top_words("hello world", top=0)
        with self.assertRaisesRegex(ValueError, "ngram"):
            skill.top_words("hello world", ngram=9)
        with self.assertRaisesRegex(ValueError, "min_length"):
            skill.top_words("hello world", min_length=0)


if __name__ == "__main__":
    unittest.main()
