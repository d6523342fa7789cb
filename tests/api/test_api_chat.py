"""POST /api/chat (JSON and SSE) and the conversation routes.

The route contract (framing, failures) runs against a stand-in service that can fail on request; the
end-to-end tests use the real ChatService with the real app and index.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from assistant.agent.service import ChatAnswer, ChatError, GuardInfo
from assistant.agent.store import ConversationStore
from assistant.api.app import create_app
from indexer.models import Citation
from tests.api.conftest import KEY, private


def sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line and not line.startswith(":")]
        if not lines:
            continue
        fields = dict(line.split(": ", 1) for line in lines)
        events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events


class StandIn:
    """The ChatService interface, answering from fixed text; fails on request to test error framing."""

    def __init__(self, store: ConversationStore):
        self.history_by_id: dict[str, list[dict]] = {}
        self.store = store  # the real store: the routes ask it who owns a conversation

    def _answer(self, message: str, conversation_id: str | None) -> dict:
        cid = conversation_id or "c1"
        self.history_by_id.setdefault(cid, []).append({"role": "user", "content": message})
        return ChatAnswer(
            conversation_id=cid,
            answer="标准为4800元[1]。",
            citations=[Citation(doc_id="d", title="t", chunk_id="0123456789abcdef", quote="4800元")],
            tool_calls=[],
            no_basis=False,
            follow_up_questions=[],
            guard=GuardInfo(),
        ).model_dump(mode="json")

    def ask(self, message, conversation_id=None, owner=None):
        if message == "boom":
            raise ChatError("对话模型调用失败：connection refused")
        return ChatAnswer.model_validate(self._answer(message, conversation_id))

    def stream(self, message, conversation_id=None, owner=None):
        yield {"type": "tool", "name": "search_policy"}
        yield {"type": "token", "text": "标准"}
        if message == "boom":
            raise RuntimeError("model went away")
        yield {"type": "final", "answer": self._answer(message, conversation_id)}

    def history(self, conversation_id, owner=None):
        return self.history_by_id.get(conversation_id, [])

    def conversations(self, owner=None):
        return [{"id": k, "title": v[0]["content"], "updated_at": "2026-01-01T00:00:00"} for k, v in self.history_by_id.items()]


@pytest.fixture
def stand_in(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path))
    app.state.chat = StandIn(ConversationStore(f"sqlite:///{tmp_path / 'stand-in.db'}"))
    with TestClient(app) as c:
        yield c


def test_json_form_returns_the_answer(stand_in):
    resp = stand_in.post("/api/chat", json={"message": "丰宁特困供养标准"}, headers=KEY)
    assert resp.status_code == 200 and resp.json()["answer"] == "标准为4800元[1]。"
    failed = stand_in.post("/api/chat", json={"message": "boom"}, headers=KEY)
    assert failed.status_code == 502 and "对话模型调用失败" in failed.json()["error"]


def test_stream_by_flag_or_accept_header_gives_tool_token_final_events(stand_in):
    for extra, body in (({}, {"stream": True}), ({"Accept": "text/event-stream"}, {})):
        resp = stand_in.post("/api/chat", json={"message": "问", **body}, headers={**KEY, **extra})
        assert resp.headers["content-type"].startswith("text/event-stream")
        events = sse(resp.text)
        assert [e for e, _ in events] == ["tool", "token", "final"]
        assert events[-1][1]["answer"]["conversation_id"] == "c1"


def test_a_failure_mid_stream_ends_with_an_error_event(stand_in):
    events = sse(stand_in.post("/api/chat", json={"message": "boom", "stream": True}, headers=KEY).text)
    assert [e for e, _ in events] == ["tool", "token", "error"]
    assert "RuntimeError" in events[-1][1]["message"]


def test_conversations_list_and_history(stand_in):
    stand_in.post("/api/chat", json={"message": "第一问", "conversation_id": "abc"}, headers=KEY)
    assert stand_in.get("/api/conversations", headers=KEY).json()["conversations"][0]["id"] == "abc"
    assert stand_in.get("/api/conversations/abc", headers=KEY).json()["messages"][0]["content"] == "第一问"
    assert stand_in.get("/api/conversations/nope", headers=KEY).status_code == 404


def test_bad_chat_input_names_the_field(stand_in):
    for body, field in (({"message": "  "}, "message"), ({"message": "问", "conversation_id": "../x"}, "conversation_id")):
        resp = stand_in.post("/api/chat", json=body, headers=KEY)
        assert resp.status_code == 422 and resp.json()["fields"][0]["field"] == field


# ---- the real service ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real(hash_settings, tmp_path_factory):
    app = create_app(private(hash_settings, tmp_path_factory.mktemp("chat")))
    with TestClient(app) as c:
        yield c


def test_real_chat_answers_with_citations_and_keeps_the_conversation(real):
    resp = real.post("/api/chat", json={"message": "丰宁特困人员供养标准是多少？"}, headers=KEY)
    assert resp.status_code == 200
    answer = resp.json()
    assert "[1]" in answer["answer"] and answer["citations"][0]["chunk_id"]
    cid = answer["conversation_id"]
    assert cid in {c["id"] for c in real.get("/api/conversations", headers=KEY).json()["conversations"]}
    assert len(real.get(f"/api/conversations/{cid}", headers=KEY).json()["messages"]) >= 2


def test_real_chat_streams_tokens_then_the_final_answer(real):
    resp = real.post("/api/chat", json={"message": "丰宁特困人员供养标准是多少？", "stream": True}, headers=KEY)
    events = sse(resp.text)
    kinds = [e for e, _ in events]
    assert "token" in kinds and kinds[-1] == "final"
    final = events[-1][1]
    answer = final["answer"] if isinstance(final.get("answer"), dict) else final
    assert answer["citations"]


def test_a_broken_chat_setup_leaves_search_and_the_widget_working(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, conversation_db_url="nosuchdb://nowhere"))
    with TestClient(app) as c:
        resp = c.post("/api/chat", json={"message": "问"}, headers=KEY)
        assert resp.status_code == 503 and "对话服务未能启动" in resp.json()["error"]
        assert c.get("/api/search", params={"q": "低保"}).status_code == 200


def test_household_is_read_and_a_corrected_cell_re_screens(real):
    resp = real.post("/api/chat", json={"message": "我妈七十多岁了，一个人住在丰宁农村，没有收入", "speaker": "caseworker"},
                     headers=KEY)
    answer = resp.json()
    cid = answer["conversation_id"]
    table = real.get(f"/api/conversations/{cid}/household", headers=KEY).json()
    mother = table["members"][0]
    assert mother["cells"]["age"]["text"] == "70–79（范围）" and mother["cells"]["age"]["how"] == "stated"
    assert mother["cells"]["age"]["words"].startswith("七十多")
    assert "您" not in answer["next_question"]["text"]  # phrased for a caseworker
    patched = real.patch(f"/api/conversations/{cid}/household", headers=KEY,
                         json={"edits": [{"person": mother["key"], "field": "age", "value": 75}]})
    assert patched.status_code == 200
    out = patched.json()
    assert out["household"]["members"][0]["cells"]["age"] == {**out["household"]["members"][0]["cells"]["age"],
                                                               "text": "75", "how": "corrected"}
    assert {r["program"] for r in out["eligibility"]["results"]} >= {"dibao", "tekun"} and out["answer"]
    # the follow-up re-screens the corrected household, not a bare search
    follow = real.post("/api/chat", json={"message": "她能申请特困吗？", "conversation_id": cid}, headers=KEY).json()
    assert [t["name"] for t in follow["tool_calls"]] == ["check_eligibility"]
    assert follow["household"]["members"][0]["cells"]["age"]["text"] == "75"


def test_bad_household_edits_are_422_in_chinese_and_unknown_conversations_404(real):
    cid = real.post("/api/chat", json={"message": "我爸70岁住在丰宁农村"}, headers=KEY).json()["conversation_id"]
    url = f"/api/conversations/{cid}/household"
    for body in ({"edits": [{"person": "p9", "field": "age", "value": 3}]},
                 {"edits": [{"person": "p1", "field": "salary", "value": 3}]},
                 {"edits": [{"person": "p1", "field": "age", "value": "很老"}]},
                 {"edits": []}, {"nonsense": 1}):
        resp = real.patch(url, headers=KEY, json=body)
        assert resp.status_code == 422, body
    assert "没有编号" in real.patch(url, headers=KEY, json={"edits": [{"person": "p9", "field": "age", "value": 3}]}).json()["error"]
    assert real.get("/api/conversations/nope/household", headers=KEY).status_code == 404
    assert real.patch("/api/conversations/nope/household", headers=KEY,
                      json={"edits": [{"field": "area", "value": "rural"}]}).status_code == 404
    # nothing was lost by the bad edits
    assert real.get(url, headers=KEY).json()["members"][0]["cells"]["age"]["text"] == "70"
