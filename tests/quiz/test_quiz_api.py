"""POST /api/quiz and /api/quiz/export through the real app (API key required)."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.retrieval.search import Searcher
from indexer.embedding import HashEmbedder

from .test_quiz_exports import parse_gift

KEY = {"X-API-Key": "dev-caseworker-key"}


@pytest.fixture(scope="module")
def client(hash_settings, tmp_path_factory):
    db = tmp_path_factory.mktemp("quiz-history") / "conversations.db"
    app = create_app(hash_settings.model_copy(update={"conversation_db_url": f"sqlite:///{db}"}))
    app.state.searcher = Searcher(hash_settings, embedder=HashEmbedder())
    # no lifespan: the quiz routes need neither the chat service nor a warmed embedder
    return TestClient(app)


def test_quiz_needs_an_api_key(client):
    assert client.post("/api/quiz", json={"topic": "低保", "n": 3}).status_code == 401


def test_quiz_returns_items_and_report(client):
    resp = client.post(
        "/api/quiz", json={"topic": "低保", "n": 6, "types": ["single", "tf"], "seed": 4}, headers=KEY
    )
    assert resp.status_code == 200
    data = resp.json()
    assert len(data["items"]) == 6 and data["report"]["generated"] == 6
    assert {i["type"] for i in data["items"]} == {"single", "tf"}
    item = data["items"][0]
    assert item["citation"]["chunk_id"] and item["explanation"] and item["key"]
    again = client.post(
        "/api/quiz", json={"topic": "低保", "n": 6, "types": ["single", "tf"], "seed": 4}, headers=KEY
    )
    assert again.json() == data


@pytest.mark.parametrize(
    ("body", "field"),
    [({"topic": "天文", "n": 3}, None), ({"n": 0}, "n"), ({"types": ["essay"]}, "types.0")],
)
def test_bad_quiz_requests_say_what_is_wrong(client, body, field):
    resp = client.post("/api/quiz", json=body, headers=KEY)
    assert resp.status_code == 422 and resp.json()["error"]
    if field:
        assert resp.json()["fields"][0]["field"] == field


def test_export_generates_a_gift_file(client):
    resp = client.post(
        "/api/quiz/export", json={"format": "gift", "request": {"topic": "特困", "n": 4}}, headers=KEY
    )
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    assert (
        "attachment" in resp.headers["content-disposition"]
        and "quiz.gift.txt" in resp.headers["content-disposition"]
    )
    assert len(parse_gift(resp.text)) == 4


def test_export_keeps_the_trainers_edits(client):
    quiz = client.post("/api/quiz", json={"n": 5, "seed": 9}, headers=KEY).json()
    quiz["items"][0]["stem"] = "（培训班改写）" + quiz["items"][0]["stem"]
    dropped = quiz["items"].pop()
    resp = client.post("/api/quiz/export", json={"format": "markdown", "quiz": quiz}, headers=KEY)
    assert resp.status_code == 200 and resp.headers["x-quiz-items"] == "4"
    assert "（培训班改写）" in resp.text and dropped["stem"] not in resp.text


def test_export_refuses_an_answer_key_the_clause_does_not_support(client):
    quiz = client.post("/api/quiz", json={"n": 3, "types": ["fill"], "seed": 1}, headers=KEY).json()
    quiz["items"][0]["key"] = ["999万元"]
    quiz["items"][0]["accepted"] = ["999万元"]
    resp = client.post("/api/quiz/export", json={"format": "json", "quiz": quiz}, headers=KEY)
    assert resp.status_code == 422 and resp.json()["items"][0]["reason"] == "key_not_in_clause"


def test_export_needs_exactly_one_source(client):
    assert client.post("/api/quiz/export", json={"format": "csv"}, headers=KEY).status_code == 422


def test_aiken_export_reports_skipped_items(client):
    resp = client.post(
        "/api/quiz/export", json={"format": "aiken", "request": {"n": 8, "seed": 2}}, headers=KEY
    )
    assert resp.status_code == 200 and resp.headers["x-quiz-notes"]
    # the count says what the file holds, not what the quiz had
    from .test_quiz_exports import parse_aiken

    assert resp.headers["x-quiz-items"] == str(len(parse_aiken(resp.text))) != "8"


def test_docx_student_paper_export(client):
    from docx import Document

    quiz = client.post("/api/quiz", json={"n": 4, "seed": 1}, headers=KEY).json()
    resp = client.post("/api/quiz/export", json={"format": "docx", "paper": "student", "quiz": quiz}, headers=KEY)
    assert resp.status_code == 200 and "quiz-student.docx" in resp.headers["content-disposition"]
    doc = Document(io.BytesIO(resp.content))
    assert quiz["items"][0]["stem"] in "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.tables[0].rows) == 5


def test_edit_options_and_key_is_revalidated(client):
    quiz = client.post("/api/quiz", json={"n": 6, "types": ["single"], "seed": 3}, headers=KEY).json()
    item = next(i for i in quiz["items"] if i["case"] is None)
    wrong = next(i for i in range(len(item["options"])) if i not in item["answer"])
    # a distractor reworded: still safely wrong, accepted, key and distractors follow the options
    options = list(item["options"])
    options[wrong] = options[wrong] + "以上" if not options[wrong].endswith("以上") else options[wrong][:-2]
    resp = client.post("/api/quiz/edit", json={"item": item, "edit": {"options": options}}, headers=KEY)
    assert resp.status_code == 200, resp.json()
    assert resp.json()["options"] == options and options[wrong] in resp.json()["distractors"]
    # moving the key to a wrong option is refused, with the reason in Chinese
    resp = client.post("/api/quiz/edit", json={"item": item, "edit": {"answer": [wrong]}}, headers=KEY)
    assert resp.status_code == 422 and resp.json()["reason"] == "key_not_in_clause" and "条款" in resp.json()["error"]
    resp = client.post("/api/quiz/edit", json={"item": item, "edit": {"explanation": "  "}}, headers=KEY)
    assert resp.status_code == 422 and resp.json()["reason"] == "explanation_empty"
    resp = client.post("/api/quiz/edit", json={"item": item, "edit": {"explanation": "培训要点：看原文。"}}, headers=KEY)
    assert resp.status_code == 200 and resp.json()["explanation"] == "培训要点：看原文。"


def test_case_options_cannot_be_rewritten(client):
    quiz = client.post("/api/quiz", json={"n": 10, "seed": 0}, headers=KEY).json()
    case = next(i for i in quiz["items"] if i["case"])
    resp = client.post("/api/quiz/edit", json={"item": case, "edit": {"answer": [(case["answer"][0] + 1) % 3]}},
                       headers=KEY)
    assert resp.status_code == 422 and resp.json()["reason"] == "case_options_fixed"


def test_regenerate_one_item(client):
    quiz = client.post("/api/quiz", json={"n": 6, "seed": 5}, headers=KEY).json()
    for index in (0, 5):
        old = quiz["items"][index]
        resp = client.post("/api/quiz/item", json={"quiz": quiz, "index": index, "request": {"seed": 5}}, headers=KEY)
        assert resp.status_code == 200, resp.json()
        new = resp.json()
        assert new["type"] == old["type"] and (new["case"] is None) == (old["case"] is None)
        assert new["fact_key"] not in {i["fact_key"] for i in quiz["items"]}
    assert client.post("/api/quiz/item", json={"quiz": quiz, "index": 9}, headers=KEY).status_code == 422


def test_a_trainers_quizzes_do_not_repeat_facts(client):
    other = {"X-API-Key": "dev-caseworker-key"}
    assert client.delete("/api/quiz/history", headers=other).status_code == 200
    body = {"n": 8, "seed": 0, "avoid_repeats": True}
    first = client.post("/api/quiz", json=body, headers=KEY).json()
    second = client.post("/api/quiz", json=body, headers=KEY).json()
    assert {i["fact_key"] for i in first["items"]}.isdisjoint({i["fact_key"] for i in second["items"]})
    rows = sum(len({i["fact_key"], *i["marks"]}) for q in (first, second) for i in q["items"])
    assert client.delete("/api/quiz/history", headers=KEY).json()["forgotten"] == rows
    again = client.post("/api/quiz", json=body, headers=KEY).json()
    assert [i["id"] for i in again["items"]] == [i["id"] for i in first["items"]]


def test_options_and_trainer_page(client):
    options = client.get("/api/quiz/options", headers=KEY).json()
    assert "低保" in options["topics"] and options["formats"] == ["json", "markdown", "csv", "gift", "aiken", "docx"]
    assert options["reasons"]["leaks_answer"]
    page = client.get("/web/trainer.html")
    assert page.status_code == 200 and 'id="quiz-form"' in page.text and 'href="/web/chat.html"' in page.text
    assert client.get("/web/trainer.js").status_code == 200
