"""Schemathesis over the OpenAPI schema against the real app (ASGI, in process): every operation gets a bounded
number of generated requests, valid and invalid, and none may get a server error, an undocumented status or a
response that does not match its schema. (`make test` runs it; it takes well under three minutes.)"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from assistant.api.app import create_app
from indexer.build import build
from tests.api.conftest import KEY, private
from tests.conftest import make_settings

pytestmark = pytest.mark.schemathesis
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 50


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("schemathesis")
    own = make_settings(tmp)  # a private corpus and index: generated uploads may be accepted
    build(own)
    unlimited = dict.fromkeys(
        ("citizen_rate_per_minute", "search_rate_per_minute", "chat_rate_per_minute", "upload_rate_per_minute"), 10**6
    )
    app = create_app(private(own, tmp, **unlimited))
    from fastapi.testclient import TestClient

    with TestClient(app):  # runs the lifespan (warm-up) once
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    shutil.rmtree(tmp, ignore_errors=True)


def run_operation(operation, mode, sent: list[int]) -> list[str]:
    failures: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def run(case) -> None:
        sent.append(1)
        try:
            case.call_and_validate(headers=KEY, checks=CHECKS)
        except Exception as exc:  # noqa: BLE001 - collected, so one run reports every failing operation
            failures.append(f"{operation.label} [{mode.value}]: {type(exc).__name__}: {str(exc)[:600]}")

    try:
        run()
    except Unsatisfiable:  # an operation without parameters has no invalid form to generate
        assert mode is GenerationMode.NEGATIVE, operation.label
    return failures


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
def test_no_server_error_and_no_schema_violation(api_schema, mode):
    # pytest-level parametrisation by schemathesis' plugin does not work with this pytest; the operations are
    # run here one after another with hypothesis directly
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 13
    sent: list[int] = []
    failures = [f for op in operations for f in run_operation(op, mode, sent)]
    assert len(sent) >= 5 * len(operations) // (2 if mode is GenerationMode.NEGATIVE else 1)
    assert not failures, "\n\n".join(dict.fromkeys(failures))
