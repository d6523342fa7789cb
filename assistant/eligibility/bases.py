"""Bases shared by several programs, by their id in data/bases.yaml (the words and names live there)."""

from __future__ import annotations

from .citations import basis

# national regulations (text not in the corpus)
SHJZ_DIBAO = basis("shjz_dibao")
SHJZ_TEKUN = basis("shjz_tekun")
SHJZ_LINSHI = basis("shjz_linshi")
TEKUN_RULES = basis("tekun_rules")
TEKUN_CONDITIONS = basis("tekun_conditions")
TEKUN_NO_INCOME = basis("tekun_no_income")
TEKUN_SUPPORTERS = basis("tekun_supporters")
DIBAO_REVIEW = basis("dibao_review")
REFORM_OPINION = basis("reform_opinion")
EDGE_RULES = basis("edge_rules")
MONITORING_OPINION = basis("monitoring_opinion")
LINSHI_NOTICE = basis("linshi_notice")
DISABILITY_SUBSIDIES = basis("disability_subsidies")
DE_FACTO_ORPHAN = basis("de_facto_orphan")

# income deductions (rigid spending, employment costs), by region
DEDUCTIONS = (DIBAO_REVIEW, basis("deductions_im"), basis("deductions_gz"), basis("deductions_gx"))

# where to apply
ONE_DOOR = (basis("one_door_im"), basis("one_door_gz"))
