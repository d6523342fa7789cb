"""Loaders for every supported format; a bad file gets an error naming it and never stops the rest."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from indexer.corpus import load_corpus
from indexer.loaders import LoadError, load_text
from tests.positioned_pdf import pdf_bytes

POLICY = "一、救助对象\n(一)最低生活保障。家庭人均收入低于当地低保标准的，纳入低保。"


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with an ASCII text line (enough to prove the PDF path extracts text)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_bytes(objects)


def test_txt_md_html(tmp_path: Path):
    (tmp_path / "a.txt").write_text(POLICY, encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题\n\n" + POLICY, encoding="utf-8")
    (tmp_path / "c.html").write_text(f"<html><nav>首页</nav><body><h1>办法</h1><p>{POLICY}</p></body></html>", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(POLICY.encode("gb18030"))
    for name in ("a.txt", "b.md", "c.html", "gbk.txt"):
        assert "纳入低保" in load_text(tmp_path / name)
    assert "首页" not in load_text(tmp_path / "c.html")


def test_docx(tmp_path: Path):
    document = docx.Document()
    for line in POLICY.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "d.docx")
    assert load_text(tmp_path / "d.docx").splitlines() == POLICY.splitlines()


def test_pdf(tmp_path: Path):
    (tmp_path / "e.pdf").write_bytes(minimal_pdf("Minimum living allowance rules"))
    assert "Minimum living allowance" in load_text(tmp_path / "e.pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.xls", b"\x00\x01", "不支持的文件类型"),
        ("broken.docx", b"not a zip", "文件已损坏"),
        ("broken.pdf", b"%PDF-1.4 garbage", "broken.pdf"),
        ("empty.txt", b"   \n", "没有可读取的文字"),
    ],
)
def test_bad_files_raise_an_error_naming_the_file(tmp_path: Path, name: str, content: bytes, message: str):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(LoadError, match=message) as info:
        load_text(tmp_path / name)
    assert name in str(info.value)


def test_one_bad_file_does_not_stop_the_rest(tmp_path: Path):
    (tmp_path / "good.txt").write_text(POLICY, encoding="utf-8")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    docs, errors = load_corpus(tmp_path)
    assert [d.meta.doc_id for d in docs] == ["good.txt"]
    assert len(errors) == 1 and "bad.docx" in errors[0]
