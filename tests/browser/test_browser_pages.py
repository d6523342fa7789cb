"""The three faces in a real browser: caseworker chat with citations, the citizen widget, navigation."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from playwright.sync_api import expect

from assistant.api.app import create_app
from tests.api.conftest import private
from tests.api.live import free_port, serve
from tests.browser.conftest import PHONE, shot

QUESTION = "丰宁特困人员供养标准是多少？"


def test_chat_answer_is_cited_and_a_citation_opens_the_clause_with_the_quote_highlighted(page):
    page.goto("/")
    page.fill("#question", QUESTION)
    page.press("#question", "Enter")
    answer = page.locator(".msg.assistant").last
    answer.locator(".citations li").first.wait_for()
    assert answer.locator(".answer button.cite-marker").count() >= 1
    marker = answer.locator(".answer button.cite-marker").first
    marker.click()
    mark = page.locator("#clause-view .doc-text mark")
    mark.wait_for()
    quote = mark.inner_text().strip()
    assert quote and quote in answer.locator(".citations").inner_text()
    assert page.locator("#clause-view .crumbs").inner_text().strip()
    shot(page, "chat-desktop.png")
    # the conversation is listed, and the answer can be exported as markdown
    assert page.locator("#conversation-list li").count() >= 1
    with page.expect_download() as download:
        answer.get_by_role("button", name="导出 Markdown").click()
    assert download.value.suggested_filename.endswith(".md")
    # a household described in the same conversation: the panel shows the screening's steps and bases
    page.fill("#question", "我妈72岁一个人住在丰宁农村，每年收入1200元")
    page.press("#question", "Enter")
    panel = page.locator("#eligibility-view")
    expect(panel.locator(".program")).to_have_count(9)
    first = panel.locator(".program").first
    expect(first.locator("summary")).to_contain_text("最低生活保障")
    expect(first.locator(".steps .basis").first).to_contain_text("依据：")
    # a basis inside the corpus opens like a citation
    page.locator("#clause-view").evaluate("el => el.replaceChildren()")
    first.locator(".steps .basis button").first.click()
    expect(page.locator("#clause-view .doc-text mark")).to_contain_text("4800元")
    shot(page, "chat-eligibility.png")
    page.set_viewport_size(PHONE)
    page.locator("#clause-panel").scroll_into_view_if_needed()
    shot(page, "chat-phone.png")


def fill_fengning(page) -> None:
    page.select_option("#province", "河北省")
    page.fill("#prefecture", "承德市")
    page.fill("#county", "丰宁满族自治县")
    page.check("input[name=area][value=rural]")
    page.click("#next")
    page.fill("#age-1", "72")
    page.fill("#inc-1", "100")
    page.select_option("[data-f=period]", "month")
    page.click("#next")
    page.select_option("#assets", "yes")
    page.select_option("#on-dibao", "no")
    page.click("#next")
    page.select_option("#event", "none")


def test_widget_screens_a_fengning_rural_household_for_dibao(page):
    page.goto("/web/widget-demo.html")
    shot(page, "widget-desktop.png", full_page=True)
    requests = []
    page.on("request", lambda r: requests.append(r) if "/api/eligibility" in r.url else None)
    fill_fengning(page)
    page.click("#next")
    dibao = page.locator("[data-program=dibao]")
    dibao.wait_for()
    text = dibao.inner_text()
    assert "可能符合条件" in text and "乡镇人民政府" in text and "需要准备" in text
    assert "审核确认" in page.locator(".disclaimer").inner_text()
    sent = requests[0].post_data_json
    assert sent["members"][0]["income_yearly"] == 1200  # 100 a month, as a yearly figure
    # what was left unanswered goes as unknown (null), never as 0 or false
    assert sent["members"][0]["serious_illness"] is None and sent["members"][0]["disability"] is None
    shot(page, "widget-result.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.locator("#mz-widget").scroll_into_view_if_needed()
    shot(page, "widget-phone.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_widget_is_labelled_and_keyboard_usable(page):
    page.goto("/web/widget-demo.html")
    page.focus("#county")
    page.keyboard.type("丰宁满族自治县")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.getElementById('mz-widget').shadowRoot.activeElement.textContent")
    assert focused.startswith("第2步")
    page.keyboard.press("Tab")
    page.keyboard.type("72")
    assert page.input_value("#age-1") == "72"
    # a second member with a certified disability: its category and grade fields appear, labelled too
    page.click("#add-member")
    page.select_option("#dis-2", "cert")
    expect(page.locator("#grade-2")).to_be_visible()
    unlabelled = page.evaluate(
        """() => {
          const root = document.getElementById('mz-widget').shadowRoot;
          return [...root.querySelectorAll('input:not([type=hidden]), select')]
            .filter((f) => !f.getAttribute('aria-label') && !f.closest('label')
                           && !root.querySelector(`label[for="${f.id}"]`))
            .map((f) => f.outerHTML);
        }"""
    )
    assert unlabelled == []


def test_invalid_widget_input_is_explained_in_chinese(page):
    page.goto("/web/widget-demo.html")
    page.select_option("#province", "河北省")
    page.fill("#county", "榕江县")
    page.click("#next")
    page.fill("#age-1", "-3")
    page.click("#next")
    expect(page.locator("#error")).to_have_text("请检查“年龄（周岁）”：应在0到150之间")
    page.fill("#age-1", "30")
    for _ in range(3):
        page.click("#next")
    # the server's field message for a county outside the province
    expect(page.locator("#error")).to_contain_text("榕江县不属于河北省")


def test_navigation_reaches_search_trainer_and_widget_pages(page):
    page.goto("/web/chat.html")
    page.click("header nav >> text=检索")
    page.fill("#q", "内蒙古 事实无人抚养儿童 保障")
    page.click("#search-form button")
    page.locator("#results li").first.wait_for()
    page.click("header nav >> text=培训")
    expect(page.locator("header nav a[aria-current=page]")).to_have_text("培训")
    expect(page.locator("main h2")).to_be_visible()
    shot(page, "trainer.png")
    page.click("header nav >> text=居民自助")
    page.locator("#province").wait_for()


def test_api_docs_render_offline(page):
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("民政社会救助政策助手 API")
    expect(page.locator(".opblock-summary-path", has_text="/api/eligibility").first).to_be_visible()


def test_widget_embeds_in_another_site_with_one_script_tag(page, base_url, hash_settings, tmp_path):
    """A host page on another origin loads the widget from an API server and calls it across origins: allowed
    when the host is in that server's cors_origins, refused by the browser otherwise."""
    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    host = FastAPI()

    @host.get("/")
    def host_page(api: str) -> HTMLResponse:
        tag = f'<script src="{api}/web/widget.js" data-api="{api}"></script>'
        return HTMLResponse(f"<!doctype html><html lang=zh-CN><meta charset=utf-8><body><h1>某市民政</h1>{tag}</body></html>")

    api = create_app(private(hash_settings, tmp_path, cors_origins=[host_origin]))
    with serve(api) as api_url, serve(host, port=host_port) as host_url:
        page.goto(f"{host_url}/?api={api_url}")
        fill_fengning(page)
        page.click("#next")
        expect(page.locator("[data-program=dibao]")).to_contain_text("可能符合条件")
        # the shared test server does not list this origin
        page.goto(f"{host_url}/?api={base_url}")
        fill_fengning(page)
        page.click("#next")
        expect(page.locator("#error")).to_contain_text("网络连接失败")


def test_widget_takes_its_input_limits_from_the_api(page, monkeypatch):
    """The highest age and the disability grades come from the eligibility engine through /api/client-config."""
    monkeypatch.setattr("assistant.api.app.input_limits", lambda: {"age_max": 120, "disability_grades": [1, 2]})
    page.goto("/web/widget-demo.html")
    page.click("#next")
    expect(page.locator("#age-1")).to_have_attribute("max", "120")
    page.select_option("#dis-1", "cert")
    assert page.locator("#grade-1 option").evaluate_all("os => os.map((o) => o.value)") == ["", "1", "2"]
    page.fill("#age-1", "121")
    page.click("#next")
    expect(page.locator("#error")).to_have_text("请检查“年龄（周岁）”：应在0到120之间")
