"""A notice as a government site's CMS publishes it: articles sharing one <p> broken by <br>, words split over
inline <span>s, a table with a merged first column, and site furniture built from divs and links."""

from __future__ import annotations

from pathlib import Path

from indexer.chunking import chunk_document
from indexer.corpus import load_document

PAGE = (
    "<html><head><meta charset='utf-8'><title>湖州市医疗救助办法_政策文件</title></head><body>"
    "<div class='top'><ul><li><a href='#'>首页</a></li><li><a href='#'>政务公开</a></li><li><a href='#'>办事服务</a></li></ul></div>"
    "<div class='info'>发布时间：2025-04-02 10:21 字号：[ 大 中 小 ]</div>"
    "<div class='src'>来源：湖州市医疗保障局</div><div class='qr'>扫一扫在手机打开当前页</div>"
    "<div class='editor'>"
    "<p><span>第一条　为健全医疗</span><span>救助制度，制定本办法。</span></p>"
    "<p>&nbsp;&nbsp;第二条　低保对象按75%给予救助。<br/>&nbsp;&nbsp;第三条　年度救助限额为每人6万元。<br>"
    "第四条　本办法自2025年5月1日起施行。</p>"
    "<p>附件</p><p>湖州市医疗救助标准一览表</p>"
    "<table><tr><td>救助对象</td><td>救助项目</td><td>救助比例</td></tr>"
    "<tr><td rowspan='2'>特困人员</td><td>住院</td><td>100%</td></tr><tr><td>门诊慢特病</td><td>90%</td></tr>"
    "<tr><td>低保对象</td><td>住院</td><td>75%</td></tr></table></div>"
    "<div class='pages'><p>上一篇：<a href='#'>关于开展医疗救助对象信息核查工作的通知</a></p></div>"
    "<div class='related'><ul><li><a href='#'>关于调整城乡居民基本医疗保险筹资标准的通知</a></li></ul></div>"
    "</body></html>"
)


def test_a_cms_page_keeps_every_article_and_row_and_drops_its_navigation(tmp_path: Path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    doc = load_document(tmp_path / "page.html")
    lines = doc.original.split("\n")
    assert "第一条　为健全医疗救助制度，制定本办法。" in lines  # inline pieces run on without a space
    for article in ("第二条　低保对象按75%给予救助。", "第三条　年度救助限额为每人6万元。", "第四条　本办法自2025年5月1日起施行。"):
        assert article in lines  # each <br> ends a line
    assert "救助对象：特困人员，救助项目：门诊慢特病，救助比例：90%" in lines  # the merged cell repeated
    chunks = chunk_document(doc)
    assert [c.heading_path[-1][:3] for c in chunks if c.heading_path and c.heading_path[-1].startswith("第")] == [
        "第一条", "第二条", "第三条", "第四条"]
    text = "\n".join(c.text for c in chunks)
    for debris in ("首页", "办事服务", "信息核查", "筹资标准", "字号", "来源", "扫一扫"):
        assert debris not in text


def test_the_issuer_is_the_line_naming_all_issuing_organs_not_the_sites_banner():
    from indexer.metadata import guess_meta

    text = "湖州市民政局\n湖州市民政局　湖州市财政局\n关于印发《湖州市医疗救助办法》的通知\n湖民发〔2025〕3号"
    assert guess_meta("p.html", text).issuer == "湖州市民政局 湖州市财政局"


def test_text_written_straight_into_a_container_is_read_in_order_with_its_blocks(tmp_path: Path):
    from indexer.loaders import load

    page = ("<html><body><div class='content'>第一条　为规范工作，制定本办法。<br>第二条　本办法适用于全市。"
            "<p>第三条　低保标准见附件。</p>第四条　本办法自2025年1月1日起施行。</div></body></html>")
    (tmp_path / "x.html").write_text(page, encoding="utf-8")
    assert load(tmp_path / "x.html").text.split("\n")[:4] == [
        "第一条　为规范工作，制定本办法。", "第二条　本办法适用于全市。", "第三条　低保标准见附件。", "第四条　本办法自2025年1月1日起施行。"]
