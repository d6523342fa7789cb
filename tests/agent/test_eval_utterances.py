"""The utterance eval's per-slot precision and recall count each generic slot path on its own."""

from eval.utterances import per_slot, score_one


def test_per_slot_counts_right_wrong_and_missed_per_path() -> None:
    gold = {"household_size": 2, "members": [{"relation": "self", "age": 70}, {"relation": "spouse", "age": 68}]}
    pred = {"household_size": 3, "members": [{"relation": "self", "age": 70}, {"relation": "spouse"}]}
    slots = per_slot([score_one(pred, gold)])
    assert slots["members[].age"] == {"precision": 1.0, "recall": 0.5, "predicted": 1, "gold": 2, "right": 1}
    assert slots["household_size"]["precision"] == 0.0 and slots["household_size"]["recall"] == 0.0
    assert slots["members[].relation"]["right"] == 2


def test_a_range_gold_needs_an_overlapping_range() -> None:
    gold = {"members": [{"relation": "self", "age": {"min": 70, "max": 79}}]}
    point = per_slot([score_one({"members": [{"relation": "self", "age": 75}]}, gold)])
    span = per_slot([score_one({"members": [{"relation": "self", "age": {"min": 70, "max": 79}}]}, gold)])
    assert point["members[].age"]["right"] == 0 and span["members[].age"]["right"] == 1


def test_labour_capacity_is_compared_as_the_sets_boolean():
    gold = {"members": [{"relation": "self", "labour_capacity": False}]}
    right = per_slot([score_one({"members": [{"relation": "self", "labour_capacity": "none"}]}, gold)])
    wrong = per_slot([score_one({"members": [{"relation": "self", "labour_capacity": "full"}]}, gold)])
    assert right["members[].labour_capacity"]["right"] == 1 and wrong["members[].labour_capacity"]["right"] == 0
