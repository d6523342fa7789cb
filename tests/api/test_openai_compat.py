"""/v1/chat/completions and /v1/models with the real `openai` client against the app under uvicorn on loopback
(hash-embedder index, offline chat model, real ChatService), plus the raw wire format pinned against the client's
own response types (the client itself builds responses without validating them)."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from fastapi.testclient import TestClient
from openai.types import Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from assistant.api.app import create_app
from tests.api.conftest import private
from tests.api.live import serve

KEY = "dev-caseworker-key"
OTHER_KEY = "second-office-key"
MODEL = "minzheng-assistant"
POLICY_QUESTION = "丰宁特困人员供养标准是多少？"
HOUSEHOLD = "我家在河北省承德市丰宁满族自治县，家里两口人，我72岁没有收入，老伴70岁，能申请低保吗？"
FOLLOW_UP = "老伴每月养老金300元"


@pytest.fixture(scope="module")
def base(hash_settings, tmp_path_factory):
    settings = private(hash_settings, tmp_path_factory.mktemp("oai"), api_keys=[KEY, OTHER_KEY])
    with serve(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base):
    return openai.OpenAI(base_url=f"{base}/v1", api_key=KEY, max_retries=0)


def ask(client: openai.OpenAI, *messages: str | dict, **kw):
    msgs = [m if isinstance(m, dict) else {"role": "user", "content": m} for m in messages]
    return client.chat.completions.create(model=MODEL, messages=msgs, **kw)


def streamed(client: openai.OpenAI, *messages: str | dict, **kw) -> list:
    return list(ask(client, *messages, stream=True, **kw))


def text_of(chunks: list) -> str:
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def test_model_list_names_the_assistant(client):
    assert [m.id for m in client.models.list()] == [MODEL]
    assert client.models.retrieve(MODEL).id == MODEL
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-4o")


def test_answer_carries_markers_and_a_citation_list_and_the_structured_answer(client):
    done = ask(client, POLICY_QUESTION)
    text = done.choices[0].message.content
    extra = done.minzheng
    assert done.choices[0].finish_reason == "stop" and done.model == MODEL
    assert "[1]" in text and "**引用**" in text
    first = extra["citations"][0]
    # the 引用 list names the document, the clause path and the quote of each marker
    listed = text.split("**引用**", 1)[1]
    assert f"[1] 《{first['title']}》" in listed and first["heading_path"][-1] in listed and first["quote"][:10] in listed
    assert len(extra["citations"]) == listed.count("\n- [")
    assert extra["conversation_id"] and text.startswith(extra["answer"])


def test_streamed_text_equals_the_answer_and_arrives_in_pieces(client):
    whole = ask(client, POLICY_QUESTION).choices[0].message.content
    chunks = streamed(client, POLICY_QUESTION)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert text_of(chunks) == whole
    pieces = [c for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) > 10  # the service's tokens, not one chunk at the end
    assert [c.choices[0].finish_reason for c in chunks].count("stop") == 1 and chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].minzheng["citations"] and chunks[0].id == chunks[-1].id


def test_two_turn_screening_restored_from_the_message_history(client):
    alone = ask(client, FOLLOW_UP).minzheng
    first = ask(client, HOUSEHOLD)
    region = first.minzheng["eligibility"]["region"]
    assert "丰宁" in region and "丰宁" not in str((alone.get("eligibility") or {}).get("region"))
    # a history this process did not answer (another worker, another tool): replayed into a new conversation
    foreign_reply = {"role": "assistant", "content": "好的，我来看看。"}
    replayed = ask(client, {"role": "system", "content": "你是助手"}, HOUSEHOLD, foreign_reply, FOLLOW_UP).minzheng
    assert replayed["eligibility"]["region"] == region
    assert replayed["conversation_id"] != first.minzheng["conversation_id"]
    # our own answer echoed back: the same stored conversation continues, streaming or not
    mine = {"role": "assistant", "content": first.choices[0].message.content}
    chunks = streamed(client, HOUSEHOLD, mine, FOLLOW_UP)
    assert chunks[-1].minzheng["conversation_id"] == first.minzheng["conversation_id"]
    assert chunks[-1].minzheng["eligibility"]["region"] == region
    assert text_of(chunks).startswith(chunks[-1].minzheng["answer"])


def test_user_field_or_header_carries_the_conversation_id(client, base):
    ask(client, HOUSEHOLD, user="office-case-17")
    by_user = ask(client, FOLLOW_UP, user="office-case-17").minzheng
    assert by_user["conversation_id"] == "office-case-17" and "丰宁" in by_user["eligibility"]["region"]
    raw = client.chat.completions.with_raw_response.create(
        model=MODEL, messages=[{"role": "user", "content": FOLLOW_UP}], extra_headers={"X-Conversation-Id": "office-case-17"}
    )
    assert raw.headers["x-conversation-id"] == "office-case-17"
    assert raw.parse().minzheng["conversation_id"] == "office-case-17"
    # the stored conversation is the same one /api/conversations shows, to a Bearer key as to X-API-Key
    shown = httpx.get(f"{base}/api/conversations/office-case-17", headers={"Authorization": f"Bearer {KEY}"})
    assert shown.status_code == 200 and len(shown.json()["messages"]) == 6
    # another key may neither read nor continue it
    other = openai.OpenAI(base_url=f"{base}/v1", api_key=OTHER_KEY, max_retries=0)
    with pytest.raises(openai.NotFoundError) as err:
        ask(other, FOLLOW_UP, user="office-case-17")
    assert err.value.body["code"] == "conversation_not_found"
    with pytest.raises(openai.BadRequestError):
        ask(client, FOLLOW_UP, user="not a valid id!")


def test_a_wrong_key_is_an_authentication_error(base):
    wrong = openai.OpenAI(base_url=f"{base}/v1", api_key="not-a-key", max_retries=0)
    for call in (lambda: ask(wrong, POLICY_QUESTION), lambda: streamed(wrong, POLICY_QUESTION), wrong.models.list):
        with pytest.raises(openai.AuthenticationError) as err:
            call()
        assert err.value.status_code == 401 and "API 密钥" in err.value.message and err.value.code == "invalid_api_key"


def test_too_long_bad_and_unknown_are_refused_in_chinese(client):
    with pytest.raises(openai.BadRequestError) as err:
        ask(client, "问" * 2001)
    assert err.value.code == "context_length_exceeded" and "太长" in err.value.message
    with pytest.raises(openai.BadRequestError):
        streamed(client, "问" * 2001)
    with pytest.raises(openai.NotFoundError) as err:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": POLICY_QUESTION}])
    assert err.value.code == "model_not_found" and "没有这个模型" in err.value.message
    cases = [
        ({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]},
         "messages[0].content[0].type", "只支持文本"),
        ({"stream": "yes"}, "stream", "true 或 false"),
        ({"temperature": "hot"}, "temperature", "数字"),
        ({"messages": [{"role": "bot", "content": "问"}]}, "messages[0]", "role"),
        ({"messages": [{"role": "user", "content": "问"}, {"role": "assistant", "content": "答"}]}, "messages", "用户的问题"),
        ({"messages": []}, "messages", "至少"),
        ({"messages": [{"role": "user", "content": "问\u0000题"}]}, "messages[0].content", "控制字符"),
        ({"messages": [{"role": "user", "content": "\u200b\u200d"}]}, "messages[0].content", "不能为空"),
        ({"n": 2}, "n", "应为 1"),
    ]
    for body, param, words in cases:
        with pytest.raises(openai.BadRequestError) as err:
            client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "问"}], extra_body=body)
        assert err.value.param == param and words in err.value.message, (body, err.value.body)


def test_unknown_fields_are_ignored_and_text_parts_accepted(client):
    parts = [{"type": "text", "text": "丰宁特困人员"}, {"type": "text", "text": "供养标准是多少？"}]
    done = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": parts}], temperature=0.2, top_p=0.9, max_tokens=512,
        seed=7, extra_body={"repetition_penalty": 1.1},
    )
    assert done.choices[0].message.content == ask(client, POLICY_QUESTION).choices[0].message.content


def test_the_wire_format_validates_against_the_openai_types(base):
    headers = {"Authorization": f"Bearer {KEY}"}
    body = {"model": MODEL, "messages": [{"role": "user", "content": POLICY_QUESTION}]}
    done = httpx.post(f"{base}/v1/chat/completions", json=body, headers=headers, timeout=60)
    ChatCompletion.model_validate(done.json())
    Model.model_validate(httpx.get(f"{base}/v1/models", headers=headers).json()["data"][0])
    assert httpx.get(f"{base}/v1/models", headers={"X-API-Key": KEY}).status_code == 200
    broken = httpx.post(f"{base}/v1/chat/completions", content=b'{"model": ',
                        headers={**headers, "Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["error"]["code"] == "invalid_json"
    other = httpx.post(f"{base}/v1/embeddings", json={"input": "x"}, headers=headers)
    assert other.status_code == 404 and "不支持这个接口" in other.json()["error"]["message"]
    with httpx.stream("POST", f"{base}/v1/chat/completions", json={**body, "stream": True}, headers=headers,
                      timeout=60) as resp:
        assert resp.headers["content-type"].startswith("text/event-stream")
        frames = [line.removeprefix("data: ") for line in resp.iter_lines() if line.startswith("data: ")]
    assert frames[-1] == "[DONE]"
    chunks = [ChatCompletionChunk.model_validate(json.loads(f)) for f in frames[:-1]]
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == done.json()["choices"][0]["message"]["content"]


def test_undecodable_input_is_a_400_in_chinese_never_a_500(base):
    """Lone surrogates (valid JSON escapes, no character), a body not in UTF-8, JSON nested past the parser."""
    headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
    url = f"{base}/v1/chat/completions"

    def post(messages, stream=False):
        return httpx.post(url, content=json.dumps({"model": MODEL, "messages": messages, "stream": stream}).encode(),
                          headers=headers, timeout=60)

    for stream in (False, True):
        bad = post([{"role": "user", "content": "低保\ud800标准"}], stream)
        assert bad.status_code == 400 and "无法识别的字符" in bad.json()["error"]["message"], bad.text
    echoed = post([{"role": "user", "content": POLICY_QUESTION}, {"role": "assistant", "content": "答\udfff"},
                   {"role": "user", "content": POLICY_QUESTION}])
    assert echoed.status_code == 200, echoed.text  # an assistant turn is only compared, never stored
    body = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": POLICY_QUESTION}]}, ensure_ascii=False)
    for raw in (body.encode("gbk"), b"[" * 100_000 + b"]" * 100_000):
        resp = httpx.post(url, content=raw, headers=headers, timeout=60)
        assert resp.status_code == 400 and resp.json()["error"]["code"] == "invalid_json", resp.text
        assert "JSON" in resp.json()["error"]["message"] and "parsing" not in resp.json()["error"]["message"]


# ---- limits and failures, on an in-process app (the openai client over TestClient's transport) -------------
class Failing:
    """The ChatService calls the routes use; the model endpoint is down."""

    def history(self, conversation_id, owner=None):
        return []

    def ask(self, message, conversation_id=None, owner=None):
        from assistant.agent.service import ChatError

        raise ChatError("对话模型调用失败：connection refused")

    def stream(self, message, conversation_id=None, owner=None):
        yield {"type": "error", "message": "对话模型调用失败：connection refused"}


@pytest.fixture
def local(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, openai_rate_per_minute=2))
    with TestClient(app) as http:
        yield app, openai.OpenAI(base_url="http://testserver/v1", api_key=KEY, http_client=http, max_retries=0)


def test_rate_limit_is_a_429_with_retry_after(local):
    _, client = local
    ask(client, POLICY_QUESTION)
    ask(client, POLICY_QUESTION)
    with pytest.raises(openai.RateLimitError) as err:
        ask(client, POLICY_QUESTION)
    assert int(err.value.response.headers["retry-after"]) >= 1 and "请求太频繁" in err.value.message
    assert err.value.body["type"] == "rate_limit_error"


def test_a_failing_model_is_an_api_error_streaming_or_not(local):
    app, client = local
    app.state.chat = Failing()
    with pytest.raises(openai.InternalServerError) as err:
        ask(client, POLICY_QUESTION)
    assert err.value.status_code == 502 and "对话模型调用失败" in err.value.message
    with pytest.raises(openai.APIError) as err:
        streamed(client, POLICY_QUESTION)
    assert "对话模型调用失败" in err.value.message


def test_no_chat_service_is_a_503_in_the_openai_shape(local):
    app, client = local
    app.state.chat = None
    with pytest.raises(openai.InternalServerError) as err:
        ask(client, POLICY_QUESTION)
    assert err.value.status_code == 503 and err.value.body["code"] == "service_unavailable"
