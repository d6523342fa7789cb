"""A PDF whose text pieces sit where the test puts them: one page per list of (x, y, size, text).

The font is a non-embedded CID font (Identity-H, a glyph per Unicode code point) with a ToUnicode map, as
printing tools write Chinese text layers, so pypdf reads the text and its positions back as from a real
printed document."""

from __future__ import annotations

Piece = tuple[float, float, float, str]

_TO_UNICODE = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /UCS def /CMapType 2 def\n"
    b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
    b"1 beginbfrange <0000> <FFFF> <0000> endbfrange\n"
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)


def positioned_pdf(pages: list[list[Piece]], drawings: list[str] | None = None) -> bytes:
    """``drawings``: per page, content-stream operations painted before the text (cell borders as a printing
    tool writes them: 「x y w h re S」, thin filled rectangles, line paths)."""
    objects: list[bytes] = [b"", b""]  # catalog and page tree, written last
    font = len(objects) + 1
    objects += [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>"
        % (font + 1, font + 2),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Length %d >>\nstream\n" % len(_TO_UNICODE) + _TO_UNICODE + b"\nendstream",
    ]
    kids = []
    for n, pieces in enumerate(pages):
        ops = [drawings[n]] if drawings and n < len(drawings) and drawings[n] else []
        for x, y, size, text in pieces:
            glyphs = "".join(f"{ord(ch):04X}" for ch in text)
            ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm <{glyphs}> Tj ET")
        stream = "\n".join(ops).encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
            % (content, font)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_bytes(objects)


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF file of the numbered objects (1 = the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
