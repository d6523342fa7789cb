"""Hearsay and guesses leave a fact unknown; a deduction or asset check said outright for the household is read."""

from __future__ import annotations

from assistant.understanding.adapter import to_household

from .test_reading_household_scope import turns


def test_a_disability_told_as_hearsay_stays_unknown():
    s = turns("家里三口人，我爸腿脚不好", "邻居都说他是肢体残疾")
    h = to_household(s)
    assert all((m.get("disability") or {}).get("category") in (None, "none") for m in h["members"])


def test_a_certificate_the_speaker_is_unsure_of_is_not_read_as_held():
    s = turns("我弟弟是精神残疾", "残疾证到底办了没有我也说不准")
    h = to_household(s)
    assert not any((m.get("disability") or {}).get("certified") is True for m in h["members"])


def test_the_same_facts_said_without_a_hedge_are_read():
    s = turns("我弟弟是精神残疾", "他办了残疾证")
    h = to_household(s)
    assert any((m.get("disability") or {}).get("certified") is True for m in h["members"])


def test_no_deductions_at_all_sets_every_deduction_to_none_as_stated():
    s = turns("一家四口，全年收入两万", "家里没有扣减项")
    for name in ("income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly"):
        fact = getattr(s, name)
        assert fact.value.max == 0 and fact.how == "stated"


def test_property_check_said_not_exceeded_is_within_limit():
    s = turns("一家四口，全年收入两万", "财产审核未超过规定")
    assert s.assets_within_limit.value is True


def test_a_first_message_that_only_places_the_household_keeps_its_area_for_the_people_told_next():
    s = turns("河北某县某乡，农村", "两口人，年收入九千八")
    assert s.area is not None and s.area.value == "rural"


def test_a_first_question_about_a_place_sets_no_area():
    s = turns("农村低保标准是多少？")
    assert s.area is None


def test_property_said_over_the_local_limit_is_not_within_it():
    s = turns("家里三口人，农村", "核对发现存款二十多万，超过了当地的限额")
    assert s.assets_within_limit.value is False


def test_property_said_not_over_the_limit_stays_within_it():
    s = turns("家里三口人，农村", "财产没超过限额")
    assert s.assets_within_limit.value is True


def test_hardship_after_an_event_is_read_both_ways():
    hard = turns("家里三口人，农村", "上个月家里着火了，现在快断粮了")
    fine = turns("家里三口人，农村", "上个月家里着火了，保险全赔了，生活没什么困难")
    assert hard.event.severe_hardship.value is True
    assert fine.event.severe_hardship.value is False and fine.event.severe_hardship.words == "没什么困难"


def test_property_said_not_over_in_any_word_order_stays_within_the_limit():
    for said in ("村干部说财产这块不超标", "财产核查没有超标", "财产没超过限额"):
        s = turns("家里三口人，农村", said)
        assert s.assets_within_limit is not None and s.assets_within_limit.value is True, said


def test_no_other_deductions_after_one_said_keeps_its_figure_and_sets_the_rest_to_none():
    s = turns("一家五口，全年收入三万", "务工路费每年两千左右", "没有其他扣减")
    assert s.employment_costs_yearly.value.min <= 2000 <= s.employment_costs_yearly.value.max
    assert s.rigid_expenses_yearly.value.max == 0 and s.income_excluded_yearly.value.max == 0
