# -*- coding: utf-8 -*-
"""Regenerate the office_f documents: python make_docs.py (use /work/sets_f/venv/bin/python)."""
import html, json, os, subprocess, tempfile
from docs_text import DOCS, YICHANG, LUOYANG, SHEYANG, NINGXIA, plain_text

OUT = os.path.dirname(os.path.abspath(__file__))

def is_chapter(l):
    return l.startswith("第") and "章" in l[:5] and "　" in l[:6]

# ---------- 1. docx ----------
def make_docx(d):
    from docx import Document
    from docx.shared import Pt, RGBColor
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    doc = Document()
    st = doc.styles["Normal"]; st.font.name = "Noto Serif CJK SC"; st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    n = d["notice"]
    p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(n[0]); r.bold = True; r.font.size = Pt(22); r.font.color.rgb = RGBColor(0xC0, 0, 0)
    p = doc.add_paragraph(n[2]); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(n[1]); r.bold = True; r.font.size = Pt(16)
    doc.add_paragraph(n[3])
    p = doc.add_paragraph(n[4]); p.paragraph_format.first_line_indent = Pt(24)
    for l in n[5:]:
        p = doc.add_paragraph(l); p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_page_break()
    for i, l in enumerate(d["body"]):
        if i == 0:
            p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(l); r.bold = True; r.font.size = Pt(18)
        elif is_chapter(l):
            p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(l); r.bold = True
        elif l.startswith("附件"):
            doc.add_page_break(); p = doc.add_paragraph(); r = p.add_run(l); r.bold = True
        else:
            p = doc.add_paragraph(l); p.paragraph_format.first_line_indent = Pt(24)
    t = d["table"]
    p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(t["caption"][0]); r.bold = True
    p = doc.add_paragraph(t["caption"][1]); p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tb = doc.add_table(rows=1, cols=len(t["header"])); tb.style = "Table Grid"
    for c, h in zip(tb.rows[0].cells, t["header"]):
        c.text = h; c.paragraphs[0].runs[0].bold = True
    for row in t["rows"]:
        cells = tb.add_row().cells
        for c, v in zip(cells, row): c.text = v
    for l in t["note"]: doc.add_paragraph(l)
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = d["title"]
    sec.footer.paragraphs[0].text = d["doc_number"]
    doc.save(os.path.join(OUT, d["file"]))

# ---------- helpers for HTML article markup ----------
def article_html(d):
    out = []
    n = d["notice"]
    return out

def table_html(t):
    h = "".join(f"<th>{html.escape(x)}</th>" for x in t["header"])
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in r) + "</tr>" for r in t["rows"])
    return f"<table><thead><tr>{h}</tr></thead><tbody>{rows}</tbody></table>"

def body_html(lines):
    out = []
    for i, l in enumerate(lines):
        e = html.escape(l)
        if i == 0: out.append(f'<h2 class="doctitle">{e}</h2>')
        elif is_chapter(l): out.append(f'<h3 class="chapter">{e}</h3>')
        elif l.startswith("附件"): out.append(f'<p class="fujian">{e}</p>')
        else: out.append(f'<p>{e}</p>')
    return "\n".join(out)

# ---------- 2. chromium pdf ----------
def make_chromium_pdf(d):
    n = d["notice"]; t = d["table"]
    css = """
@page { size: 110mm 180mm; margin: 20mm 12mm 18mm 12mm;
  @top-center { content: "洛阳市民政局文件 · 洛阳市临时救助实施办法"; font-size: 7pt; color: #a00; font-family: 'Noto Sans CJK SC'; }
  @bottom-left { content: "洛市民〔2024〕31号"; font-size: 7pt; font-family: 'Noto Sans CJK SC'; }
  @bottom-right { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 7pt; font-family: 'Noto Sans CJK SC'; } }
body { font-family: 'Noto Serif CJK SC'; font-size: 10.5pt; line-height: 1.6; }
.red { color: #c00; text-align: center; font-size: 16pt; font-weight: bold; border-bottom: 2px solid #c00; padding-bottom: 4pt; }
.num { text-align: center; } .title { text-align: center; font-weight: bold; font-size: 12.5pt; }
.sign { text-align: right; } p { text-indent: 2em; margin: 0 0 3pt 0; } .noind { text-indent: 0; }
h2 { text-align: center; font-size: 13pt; page-break-before: always; } h3 { text-align: center; font-size: 11pt; margin: 6pt 0; }
.fujian { text-indent: 0; font-weight: bold; page-break-before: always; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; } td, th { border: 1px solid #000; padding: 2pt; }
"""
    doc = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(d['title'])}</title><style>{css}</style></head><body>
<div class="red">{html.escape(n[0])}</div>
<p class="num noind">{html.escape(n[2])}</p>
<p class="title noind">{html.escape(n[1])}</p>
<p class="noind">{html.escape(n[3])}</p>
<p>{html.escape(n[4])}</p>
<p class="sign noind">{html.escape(n[5])}</p><p class="sign noind">{html.escape(n[6])}</p>
{body_html(d['body'])}
<p class="title noind">{html.escape(t['caption'][0])}</p>
{table_html(t)}
<p class="noind">{html.escape(t['note'][0])}</p>
</body></html>"""
    src = os.path.join(tempfile.mkdtemp(), "src_luoyang.html")
    open(src, "w", encoding="utf-8").write(doc)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={os.path.join(OUT, d['file'])}", "file://" + src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

# ---------- 3. reportlab pdf with hard line breaks ----------
def make_reportlab_pdf(d, width_chars=30):
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    W, H = A4
    c = canvas.Canvas(os.path.join(OUT, d["file"]), pagesize=A4)
    c.setTitle(d["title"]); c.setAuthor(d["issuer"])
    state = {"y": H - 80, "page": 1}
    fs, lh, x0 = 13, 22, 95

    def footer():
        c.setFont(F, 10); c.drawCentredString(W / 2, 40, f"— {state['page']} —")

    def newpage():
        footer(); c.showPage(); state["page"] += 1; state["y"] = H - 80

    def line(text, x=x0, size=fs, center=False):
        if state["y"] < 80: newpage()
        c.setFont(F, size)
        if center: c.drawCentredString(W / 2, state["y"], text)
        else: c.drawString(x, state["y"], text)
        state["y"] -= lh if size <= fs else lh + 8

    def para(text, indent=True):
        s = ("　　" if indent else "") + text
        for i in range(0, len(s), width_chars):
            line(s[i:i + width_chars])

    n = d["notice"]
    c.setFillColorRGB(0.8, 0, 0)
    for i in range(0, len(n[0]), 20): line(n[0][i:i + 20], size=18, center=True)
    c.setFillColorRGB(0, 0, 0)
    line(n[2], center=True)
    c.setStrokeColorRGB(0.8, 0, 0); c.line(x0, state["y"] + 10, W - x0, state["y"] + 10); c.setStrokeColorRGB(0, 0, 0)
    state["y"] -= 10
    para(n[1], indent=False); state["y"] -= 6
    para(n[3], indent=False); para(n[4])
    for l in n[5:]: line(l, x=W - x0 - fs * len(l))
    newpage()
    for i, l in enumerate(d["body"]):
        if i == 0:
            for j in range(0, len(l), 22): line(l[j:j + 22], size=15, center=True)
        elif is_chapter(l):
            state["y"] -= 4; line(l, center=True)
        elif l.startswith("附件"):
            newpage(); line(l)
        else:
            para(l)
    t = d["table"]
    line(t["caption"][0], center=True)
    cols = [110, 230, 95]; rh = 24
    tx = (W - sum(cols)) / 2
    for r in [t["header"]] + t["rows"]:
        if state["y"] < 90: newpage()
        y = state["y"]; xx = tx
        for w, v in zip(cols, r):
            c.rect(xx, y - 7, w, rh, stroke=1, fill=0)
            c.setFont(F, 10.5); c.drawString(xx + 4, y + 1, v); xx += w
        state["y"] -= rh
    state["y"] -= 10
    for l in t["note"]: para(l, indent=False)
    footer(); c.save()

# ---------- 4. html government page ----------
def make_html(d):
    n = d["notice"]; t = d["table"]
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(n[0])}_规范性文件_宁夏回族自治区民政厅</title>
<meta name="ArticleTitle" content="{html.escape(n[0])}">
<meta name="PubDate" content="2024-10-28 16:30">
<style>body{{font-family:'Noto Sans CJK SC',sans-serif;margin:0}} .top{{background:#b30000;color:#fff;padding:6px 20px;font-size:12px}}
.nav a{{margin:0 12px;color:#fff}} .nav{{background:#c81e1e;padding:8px}} .crumb{{font-size:13px;color:#666;margin:10px 40px}}
.meta td{{border:1px solid #ddd;padding:4px 8px;font-size:13px}} .art{{margin:0 80px}} .art p{{text-indent:2em;line-height:1.9}}
.art table{{border-collapse:collapse}} .art td,.art th{{border:1px solid #333;padding:4px 10px}} .foot{{background:#eee;font-size:12px;padding:16px;text-align:center;margin-top:40px}}</style>
<script>var _hmt = _hmt || []; /* 统计代码 */</script>
</head><body>
<div class="top">无障碍浏览 | 长者模式 | 繁體 | English | 登录 | 注册 <span style="float:right">2024年10月28日 星期一</span></div>
<div class="banner"><img src="/images/logo.png" alt="宁夏回族自治区民政厅"> <form class="search"><input placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav"><a href="/">首页</a><a href="/jggk/">机构概况</a><a href="/zwgk/">政务公开</a><a href="/zcwj/">政策文件</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a><a href="/ztzl/">专题专栏</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a> &gt; 规范性文件</div>
<table class="meta"><tr><td>索引号：</td><td>640000010/2024-00318</td><td>主题分类：</td><td>社会救助</td></tr>
<tr><td>发布机构：</td><td>宁夏回族自治区民政厅</td><td>成文日期：</td><td>2024-10-22</td></tr>
<tr><td>文号：</td><td>{html.escape(n[1])}</td><td>发布日期：</td><td>2024-10-28</td></tr></table>
<div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a> <a class="qz">QQ空间</a> 【字体：<a>大</a> <a>中</a> <a>小</a>】 【<a href="javascript:window.print()">打印本页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="art" id="zoom">
<h1>{html.escape(n[0])}</h1>
<p class="noind" style="text-align:center">{html.escape(n[1])}</p>
<p style="text-indent:0">{html.escape(n[2])}</p>
<p>{html.escape(n[3])}</p>
<p style="text-align:right">{html.escape(n[4])}</p><p style="text-align:right">{html.escape(n[5])}</p>
<p style="text-align:center;color:#999">（此件公开发布）</p>
{body_html(d['body'])}
<p style="text-align:center"><b>{html.escape(t['caption'][0])}</b></p>
{table_html(t)}
<p>{html.escape(t['note'][0])}</p>
<div class="attach">相关附件：<a href="/upload/2024/10/tekun_banfa.pdf">宁夏回族自治区特困人员救助供养实施办法.pdf</a></div>
</div>
<div class="related">相关链接：<a>政策解读：《宁夏回族自治区特困人员救助供养实施办法》图解</a> | <a>自治区民政厅2024年政府信息公开工作年度报告</a></div>
<div class="share">【<a href="javascript:window.print()">打印本页</a>】 【<a>收藏</a>】 【<a href="javascript:window.close()">关闭窗口</a>】 扫一扫在手机打开当前页</div>
<div class="foot">主办单位：宁夏回族自治区民政厅 &nbsp; 地址：银川市金凤区 &nbsp; 联系电话：0951-0000000<br>
网站标识码：6400000000 &nbsp; 宁ICP备00000000号-1 &nbsp; 宁公网安备 64010602000000号<br>
建议使用1366×768分辨率 IE10以上版本浏览器 | 网站地图 | 联系我们 | 隐私声明</div>
</body></html>"""
    open(os.path.join(OUT, d["file"]), "w", encoding="utf-8").write(page)

def manifest():
    keys = ["file", "format", "tool", "region", "title", "doc_number", "issuer", "written_date", "effective_date", "kind"]
    json.dump([{k: d[k] for k in keys} for d in DOCS], open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8"),
              ensure_ascii=False, indent=2)

if __name__ == "__main__":
    make_docx(YICHANG); make_chromium_pdf(LUOYANG); make_reportlab_pdf(SHEYANG); make_html(NINGXIA); manifest()
    for d in DOCS: print(d["file"], len(plain_text(d)))
