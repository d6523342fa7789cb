"""The fold of radical and compatibility code points skips texts that hold none, with the same result."""

from __future__ import annotations

from indexer.text import _ideograph_folds, fold_ideographs


def test_fold_is_the_table_translation_with_and_without_foldable_points():
    table = _ideograph_folds()
    plain = "对符合条件的困难群众，按规定纳入最低生活保障范围。（一）"
    assert fold_ideographs(plain) == plain.translate(table) == plain
    for cp in list(table)[:: max(1, len(table) // 50)]:
        text = plain[:5] + chr(cp) + plain[5:]
        assert fold_ideographs(text) == text.translate(table) != text
