"""Hand-made bad inputs from the production review: each gets the 4xx it means with a Chinese message, never a
5xx and never a confident answer."""

from __future__ import annotations

import json
import re

import pytest

from tests.api.conftest import KEY

CHINESE = re.compile(r"[\u4e00-\u9fff]")
JSON = {"Content-Type": "application/json"}
HOUSEHOLD = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "members": [{"age": 72, "income_yearly": 1200}]}

CASES = [
    ("chat: a control character", "post", "/api/chat", json.dumps({"message": "\x1d"}), 422, "控制字符"),
    ("chat: zero-width space only", "post", "/api/chat", json.dumps({"message": "\u200b\u200b"}), 422, "没有可识别的文字"),
    ("chat: NUL only", "post", "/api/chat", json.dumps({"message": "\x00"}), 422, "控制字符"),
    ("chat: NUL inside a question", "post", "/api/chat", json.dumps({"message": "低保\x00标准"}), 422, "控制字符"),
    ("chat: stream 0", "post", "/api/chat", json.dumps({"message": "低保标准", "stream": 0}), 422, "true 或 false"),
    ("chat: stream 'yes'", "post", "/api/chat", json.dumps({"message": "低保标准", "stream": "yes"}), 422, "true 或 false"),
    ("chat: broken JSON", "post", "/api/chat", '{"message": "低保', 422, "JSON"),
    ("chat: deep nesting", "post", "/api/chat", "[" * 20000, 400, "嵌套"),
    ("chat: invalid UTF-8", "post", "/api/chat", b'{"message": "\xff\xfe"}', 400, "UTF-8"),
    ("eligibility: deep nesting", "post", "/api/eligibility", "[" * 20000, 400, "嵌套"),
    ("eligibility: Infinity", "post", "/api/eligibility",
     json.dumps(HOUSEHOLD).replace("1200", "Infinity"), 422, "年收入"),
    ("eligibility: 1e309", "post", "/api/eligibility", json.dumps(HOUSEHOLD).replace("1200", "1e309"), 422, "年收入"),
    ("eligibility: lone surrogate", "post", "/api/eligibility",
     json.dumps({**HOUSEHOLD, "region": {"county": "\ud800"}}), 422, "无法识别的字符"),
    ("search: NUL", "get", "/api/search?q=%00", None, 422, "控制字符"),
    ("search: zero-width only", "get", "/api/search?q=%E2%80%8B", None, 422, "没有可识别的文字"),
    ("unknown path", "get", "/api/nothing-here", None, 404, "没有这个地址"),
    ("wrong method", "delete", "/api/search", None, 405, "不支持的请求方法"),
]


@pytest.mark.parametrize(("name", "method", "path", "body", "status", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_the_status_it_means_in_chinese(client, name, method, path, body, status, words):
    headers = {**KEY, **(JSON if body is not None else {})}
    resp = client.request(method, path, content=body, headers=headers)
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert words in error and CHINESE.search(error), error


def test_validation_errors_name_the_field_in_chinese(client):
    resp = client.get("/api/search", params={"q": "低保", "k": 99})
    assert resp.json() == {"error": "输入有误：k：应不大于20", "fields": [{"field": "k", "message": "应不大于20"}]}
