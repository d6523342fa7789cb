"""The citizen widget finishes the job (issue 9): for a clearly eligible, a clearly ineligible and an unknown-heavy
household the result leads with one line per likely program, shows income beside the standard, asks at most five
merged questions answered inline and screened again, never asks for a local standard, and fits two phone screens."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, shot

SCREENS = 2
MAX_QUESTIONS = 5


def open_phone(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/web/widget-demo.html")


def result_height(page) -> int:
    return page.evaluate("document.getElementById('mz-widget').shadowRoot.querySelector('#results').scrollHeight")


def check_result(page, name: str) -> str:
    page.locator("#headline").wait_for()
    text = page.locator("#results").inner_text()
    assert page.locator("#followup .q").count() <= MAX_QUESTIONS
    assert "低保标准是每人每年多少元" not in text and "多少倍" not in text  # never asks a citizen for a standard
    height = result_height(page)
    shot(page, f"widget-v2-{name}.png", full_page=True)
    assert height <= SCREENS * PHONE["height"], f"{name}: result is {height}px tall"
    return text


def test_an_elderly_applicant_with_no_income_is_walked_to_a_finished_result(page):
    open_phone(page)
    page.check("input[name=who][value=other]")  # a daughter fills it for her mother
    page.select_option("#province", "河北省")
    page.fill("#prefecture", "承德市")
    page.fill("#county", "丰宁满族自治县")
    page.check("input[name=area][value=rural]")
    page.click("#next")
    expect(page.locator("fieldset.member legend").first).to_have_text("申请人（需要救助的人）")
    page.fill("#age-1", "七十六岁")  # typed, not dropped: a message, and the form stays
    page.click("#next")
    expect(page.locator("#error")).to_contain_text("请只填写阿拉伯数字")
    page.fill("#age-1", "76")
    page.select_option("#any-disability", "no")  # once for the household
    expect(page.locator("#dis-1")).to_be_hidden()
    page.select_option("#ill-1", "no")
    page.fill("#inc-1", "0")
    page.select_option("#sup-1", "none")  # shown once the age makes supporters decide
    page.click("#next")
    page.select_option("#assets", "yes")
    page.select_option("#on-dibao", "no")
    page.click("#next")
    page.select_option("#event", "none")
    page.click("#next")
    text = check_result(page, "eligible")
    line = page.locator("[data-line=tekun]")
    expect(line).to_contain_text("申请人（76岁）")
    expect(page.locator("[data-help]")).to_contain_text("12345")
    assert "每人每年的收入约0元" in text and "4800" in text  # income beside the standard
    # everything that decides was asked by the form: a finished result, nothing left to ask, no dead end
    assert page.locator("#followup").count() == 0
    expect(page.locator("#headline")).to_contain_text("建议先申请：特困人员救助供养")
    assert "不再同时申请低保" in text
    # large-font mode and print are there for older readers
    page.click("#large")
    assert page.evaluate("getComputedStyle(document.getElementById('mz-widget')).fontSize") == "20px"
    shot(page, "widget-v2-large.png")
    expect(page.locator("#print")).to_be_visible()


def test_a_clearly_ineligible_city_couple_is_not_asked_for_the_local_standard(page):
    open_phone(page)
    page.select_option("#province", "贵州省")
    page.fill("#prefecture", "贵阳市")
    page.check("input[name=area][value=urban]")
    page.click("#next")
    page.fill("#age-1", "40")
    page.fill("#inc-1", "14000")
    page.select_option("[data-f=period]", "month")
    page.click("#add-member")
    page.select_option("#rel-2", "spouse")
    page.fill("#age-2", "38")
    page.select_option("#any-disability", "no")
    page.fill("#inc-2", "0")
    page.click("#next")
    page.select_option("#assets", "no")
    page.select_option("#on-dibao", "no")
    page.click("#next")
    page.select_option("#event", "none")
    page.click("#next")
    text = check_result(page, "not")
    followup = page.locator("#followup")
    asked = followup.inner_text() if followup.count() else ""
    assert "残疾" not in asked  # the household said no one has a disability
    assert "12345" in text  # who to ask about the local standard
    assert page.locator(".lines li").count() == 0


def test_a_household_full_of_unknowns_gets_five_merged_questions_at_most(page):
    open_phone(page)
    page.select_option("#province", "内蒙古自治区")
    page.click("#next")
    page.fill("#age-1", "45")
    page.select_option("#dis-1", "cert")
    page.click("#add-member")
    page.select_option("#rel-2", "parent")
    page.fill("#age-2", "70")
    page.click("#next")
    page.click("#next")
    page.select_option("#event", "serious_illness")
    page.click("#next")
    text = check_result(page, "unknown")
    assert text.count("是否在读") == 0 and text.count("按农村还是按城市") <= 1
    asked = page.locator("#followup .q").count()
    assert 1 <= asked <= MAX_QUESTIONS
    page.locator("#followup [data-q=area] select").select_option("rural")
    disability = page.locator("#followup [data-q=disability]")
    expect(disability).to_have_count(1)  # else the checks below that it is gone would pass unanswered
    disability.locator("select").nth(0).select_option("physical")
    disability.locator("select").nth(1).select_option("2")
    disability.locator("select").nth(2).select_option("none")  # the parent has no certificate
    page.click("#rescreen")
    expect(page.locator("#followup [data-q=area]")).to_have_count(0)
    expect(page.locator("#followup [data-q=disability]")).to_have_count(0)
    check_result(page, "unknown-answered")
    # editing the form afterwards keeps the inline answers
    page.click("#edit")
    for _ in range(4):
        page.click("#next")
    page.locator("#headline").wait_for()
    expect(page.locator("#followup [data-q=area]")).to_have_count(0)
    expect(page.locator("#followup [data-q=disability]")).to_have_count(0)
