"""Quiz builder for trainers: items generated from the indexed clauses, validated against them, exported.

make_quiz(topic, n, types, seed=0, region=None, doc_id=None, clause_ids=None, searcher=...) -> Quiz
parse_request("给我出5道关于特困人员的选择题")
    -> {"topic": "特困", "n": 5, "types": ["single"], "region": None}
export_quiz(quiz, "gift") -> Export(content, filename, media_type, notes)
"""

from .exports import FORMATS, Export, export_quiz
from .models import ITEM_TYPES, Quiz, QuizItem, QuizReport, QuizRequest
from .request import parse_request
from .service import make_quiz
from .vocab import topics

__all__ = [
    "FORMATS",
    "ITEM_TYPES",
    "Export",
    "Quiz",
    "QuizItem",
    "QuizReport",
    "QuizRequest",
    "export_quiz",
    "make_quiz",
    "parse_request",
    "topics",
]
