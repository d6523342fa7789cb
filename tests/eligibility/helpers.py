"""Household builders shared by the eligibility tests."""

from __future__ import annotations

import copy

FENGNING = {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"}
SHANDONG = {"province": "山东省", "prefecture": "济南市"}

RURAL_QUESTION = "当地农村低保标准是每人每年多少元？"
URBAN_QUESTION = "当地城市低保标准是每人每年多少元？"


def member(**facts) -> dict:
    base = {
        "id": "p1", "relation": "self", "age": 45, "disability": {"category": "none"}, "serious_illness": False,
        "needs_long_term_care": False, "student": "none", "income_yearly": 0, "legal_supporters": "able",
        "parents_situation": None, "priority_care_recipient": False,
    }
    base.update(facts)
    return base


def household(region: dict | None = None, members: list[dict] | None = None, **facts) -> dict:
    base = {
        "region": copy.deepcopy(region or FENGNING), "area": "rural", "date": "2020-06-01",
        "members": members or [member()],
        "income_excluded_yearly": 0, "rigid_expenses_yearly": 0, "employment_costs_yearly": 0,
        "assets_within_limit": True,
        "status": {"dibao": False, "tekun": False, "poverty_alleviated": False, "monitored": False},
        "event": {"kind": "none"}, "local_parameters": {},
    }
    base.update(facts)
    return base


def elder_fengning() -> dict:
    """The brief's household: 72, alone, 丰宁 rural, 1200 yuan pension, grade-2 physical certificate."""
    return household(
        members=[
            member(age=72, disability={"category": "physical", "grade": 2, "certified": True},
                   needs_long_term_care=True, student=None, income_yearly=1200, legal_supporters="unable")
        ],
        event=None,
    )
