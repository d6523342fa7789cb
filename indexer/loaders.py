"""Read policy files of the supported formats into plain text."""

from __future__ import annotations

from pathlib import Path

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


class LoadError(Exception):
    """A file that cannot be read as a policy document; the message names the file."""


def load_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"{path.name}: 不支持的文件类型 {suffix or '(无扩展名)'}；支持 {', '.join(SUPPORTED)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: 无法读取文件（{exc.strerror}）") from exc
    try:
        text = _READERS[suffix](path, data)
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means this one file is unreadable
        raise LoadError(f"{path.name}: 文件已损坏或格式不正确（{type(exc).__name__}）") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise LoadError(f"{path.name}: 文件中没有可读取的文字（扫描版PDF需先做文字识别）")
    return text


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError(f"{path.name}: 文本编码无法识别（请另存为 UTF-8）")


def _read_html(path: Path, data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path, data), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    blocks = [el.get_text(" ", strip=True) for el in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td"])]
    text = "\n".join(b for b in blocks if b)
    return text or soup.get_text("\n", strip=True)


def _read_docx(path: Path, data: bytes) -> str:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def _read_pdf(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


_READERS = {
    ".txt": _decode,
    ".md": _decode,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
