"""Who is a member: people named in a note's written style (其妻), people away for good (已故, 服刑, 分户),
a couple phrase about a couple already named, relatives said to live with the speaker."""

from __future__ import annotations

from assistant.understanding.amounts import find_amounts
from assistant.understanding.reader import read


def members(text, role="citizen"):
    r = read(text, None, role)
    return [(m["relation"], m.get("age")) for m in r.state.slots().get("members", [])]


def test_a_case_note_names_the_applicants_kin_with_qi():
    assert members("户主王某，60岁；其妻57岁；其子30岁", "caseworker") == [
        ("self", 60), ("spouse", 57), ("child", 30)]


def test_a_dead_spouse_said_in_writing_is_no_member():
    assert members("户主韦某，69岁，妻子已故，与儿子同住", "caseworker") == [("self", 69), ("child", None)]


def test_a_parent_in_prison_or_out_of_contact_is_no_member():
    r = read("儿童小刘，8岁。其父在监狱服刑，其母外出后失联", None, "caseworker")
    assert [m["relation"] for m in r.state.slots()["members"]] == ["self"]
    assert sorted(r.state.slots()["members"][0]["parents_situation"]) == ["imprisoned", "lost_contact"]


def test_a_couple_phrase_speaks_of_the_couple_already_named():
    s = read("户主70岁，老伴68岁，儿子42岁，老两口每人每月养老金一百五", None, "caseworker").state.slots()
    assert [m["relation"] for m in s["members"]] == ["self", "spouse", "child"]
    assert all(m["income_yearly"] == 1800 for m in s["members"][:2]) and "income_yearly" not in s["members"][2]


def test_grandparents_named_then_called_a_couple_stay_two_people():
    assert members("我姥爷八十五，姥姥八十三，老两口自己过") == [("self", 85), ("spouse", 83)]


def test_a_relative_living_with_the_speaker_keeps_their_kinship():
    assert members("我岳母七十岁了，跟我们一起住") == [("other", 70), ("self", None)]
    assert members("我后妈六十三，跟俺们一块过") == [("parent", 63), ("self", None)]


def test_the_speaker_saying_who_they_are_is_no_one_else():
    assert members("家里三个孙子全靠我一个老头子拉扯，我七十了") == [
        ("grandchild", None), ("grandchild", None), ("grandchild", None), ("self", 70)]


def test_the_speaker_working_away_is_still_in_the_household_described():
    assert ("self", 50) in members("家里四口人，我五十，在外面打零工")


def test_a_figure_alone_with_le_is_the_age_of_the_person_carried_over():
    assert members("替我表叔问问，他住在乡下，六十九了") == [("self", 69)]


def test_classical_ages_add_the_figures_joined_by_you():
    assert find_amounts("九十有一")[0].value.min == 91
    assert find_amounts("三十又五")[0].value.min == 35


def slots(text, role="citizen"):
    r = read(text, None, role)
    return r.state.slots() if r.describes else {}


def test_a_statement_placing_the_household_describes_it():
    s = slots("我们是甘肃定西通渭县的，住在村里")
    assert s["region"]["county"] == "通渭县" and s["area"] == "rural"


def test_where_a_relative_works_or_studies_is_not_where_the_household_lives():
    assert "region" not in slots("我七十了，儿子在城里上班，孙女在杭州读大学")
    assert "area" not in slots("我七十了，女儿女婿在城里买了房不跟我们住")
    assert slots("我们家在村里，儿子在城里上班")["area"] == "rural"


def test_an_applicant_words_kin_are_not_the_speakers():
    assert [m["relation"] for m in slots("老人三个女儿都嫁到外地了，一个月给老人两百")["members"]] == ["self"]


def test_a_program_said_first_then_denied_was_never_had():
    assert slots("特困从来没办过，家里就我一个人")["status"]["tekun"] is False
    assert slots("家里两口人，低保一直没批下来")["status"]["dibao"] is False


def test_a_standard_said_without_dibao_or_yuan_is_the_local_standard():
    assert slots("我们县城市标准每人每月六百五")["local_parameters"]["urban_dibao_standard_yearly"] == 7800


def test_a_standard_told_roughly_second_hand_is_nobodys_income():
    s = slots("家里三口人，听说当地低保每月五百多")
    assert "household_income_yearly" not in s and "local_parameters" not in s


def test_what_is_left_of_earnings_is_income():
    s = slots("我儿子开饭馆一年能落四万，家里三口人")
    assert next(m for m in s["members"] if m["relation"] == "child")["income_yearly"] == 40000


def test_the_screening_year_said_as_now():
    assert slots("现在是2022年，家里四口人")["year"] == 2022


def test_a_notes_benren_is_the_applicant_not_a_second_person():
    s = slots("申请人刘某，六十八岁，独居。本人每月养老金一百二", "caseworker")
    assert len(s["members"]) == 1 and s["members"][0]["age"] == 68 and s["members"][0]["income_yearly"] == 1440


def test_a_size_is_not_taken_from_a_kinship_list_after_it():
    assert slots("家庭成员6人，夫妻俩加四个孩子", "caseworker")["household_size"] == 6
    assert slots("祖孙两人相依为命")["household_size"] == 2


def test_a_letter_unit_after_a_figure():
    assert slots("家里三口人，一年收入2.5w")["household_income_yearly"] == 25000


def test_a_denial_of_anything_deductible():
    s = slots("家里两口人，没有什么开支可以扣减", "caseworker")
    assert s["rigid_expenses_yearly"] == 0 and s["employment_costs_yearly"] == 0


def test_the_applicants_relative_said_with_no_de_has_their_own_facts():
    s = slots("申请人丈夫患肝硬化，无劳动能力", "caseworker")
    app, husband = s["members"]
    assert husband["relation"] == "spouse" and husband["serious_illness"] is True and "serious_illness" not in app


def test_the_households_income_said_with_nobody_named():
    s = slots("家里没有存款，一年收入不到八千")
    assert s["household_income_yearly"] == {"min": 0, "max": 8000} and "members" not in s


def test_a_thousands_separator_is_part_of_the_figure():
    assert slots("family of 3, annual income 12,500 yuan")["household_income_yearly"] == 12500


def test_a_bare_age_before_a_verb():
    s = slots("我和老伴带着外孙，外孙十一上五年级")
    assert next(m for m in s["members"] if m["relation"] == "grandchild")["age"] == 11


def test_another_child_introduced_is_not_the_child_described():
    s = slots("申请人李某，41岁，女儿15岁读初三；另有一个儿子跟前夫过，不算本户", "caseworker")
    assert [(m["relation"], m.get("age")) for m in s["members"]] == [("self", 41), ("child", 15)]


def test_a_group_word_is_not_its_first_character_as_a_person():
    s = slots("母子俩住在镇上，儿子十岁", "citizen")
    assert all(m.get("age") != 2 for m in s["members"])


def test_children_counted_then_named_by_order_are_those_counted():
    s = slots("户主50岁，与妻子、三个孩子同住。大女儿20岁读大专，老二16岁读高一，老三9岁上小学", "caseworker")
    kids = [(m.get("age"), m.get("student")) for m in s["members"] if m["relation"] == "child"]
    assert kids == [(20, "college"), (16, "senior_high"), (9, "compulsory")]


def test_a_count_said_with_lia_before_the_word():
    s = slots("俩闺女都跟着我，大的上初二，小的上一年级")
    assert sorted(m.get("student") for m in s["members"] if m["relation"] == "child") == ["compulsory", "compulsory"]


def test_an_uncle_by_marriage_is_the_aunts_husband():
    s = slots("替我姨妈问问，姨父瘫痪在床，姨妈七十了")
    assert sorted(m["relation"] for m in s["members"]) == ["self", "spouse"]


def test_a_person_word_inside_a_fact_word_names_nobody():
    s = slots("替我表姐问问，她腿是小儿麻痹，肢体三级")
    assert [m["relation"] for m in s["members"]] == ["self"]


def test_dialect_words_for_a_wife():
    assert slots("我婆娘是智力残疾二级")["members"][0]["relation"] == "spouse"


def test_a_notes_anonymised_name_is_the_applicant_and_a_bare_figure_their_age():
    s = slots("钱某，男，58，丧偶，带一个读初二的儿子，在工地打零工每月两千左右", "caseworker")
    app, son = s["members"]
    assert (app["relation"], app["age"], app["income_kind"]) == ("self", 58, "migrant_work")
    assert (son["relation"], son["student"]) == ("child", "compulsory") and "income_yearly" not in son


def test_a_place_name_inside_a_fact_word_is_no_place():
    assert "region" not in slots("申请人之女正在上高一，母亲肢体残疾", "caseworker")


def test_a_bare_age_right_after_the_person_word():
    s = slots("户主男45岁，大儿子17辍学在家", "caseworker")
    assert next(m for m in s["members"] if m["relation"] == "child")["age"] == 17


def test_a_count_of_those_who_work_is_not_the_household_size():
    s = slots("户主40，妻子38，女儿10岁，家里就户主一人打工，月收入三千", "caseworker")
    assert "household_size" not in s or s["household_size"] != 1


def test_a_denial_of_others_income_never_overwrites_a_stated_income():
    s = slots("女儿一个月两千五，旁的都没收入")
    assert next(m for m in s["members"] if m["relation"] == "child")["income_yearly"] == 30000


def test_a_couples_denial_is_theirs_when_another_member_earns():
    s = slots("户主72，老伴70，儿子一年挣两万，老两口没收入", "caseworker")
    incomes = {m["relation"]: m.get("income_yearly") for m in s["members"]}
    assert incomes == {"self": 0, "spouse": 0, "child": 20000} and "household_income_yearly" not in s


def test_a_count_word_after_a_pronoun_is_no_age():
    s = slots("儿子打工一年三万，他俩老的没收入")
    assert all("age" not in m for m in s["members"])


def test_the_speaker_named_with_an_income_describes_a_household():
    assert slots("我一个月一千八，没别的收入")["members"][0]["income_yearly"] == 21600


def test_a_living_denied_past_or_an_ability_is_no_income_kind():
    s = slots("户主50岁；妻子48岁，做完手术不能上班", "caseworker")
    assert "income_kind" not in s["members"][1]
    assert all("income_kind" not in m for m in slots("我七十，老伴六十八，我俩还能干活")["members"])
    assert all("income_kind" not in m for m in slots("家里三口人，以前两口子都在外地打工", "caseworker")["members"])


def test_a_compound_holding_a_kind_word_says_no_living():
    s = slots("户主80岁，没有固定收入。驻村工作队已入户核实", "caseworker")
    assert "income_kind" not in s["members"][0]


def test_a_space_separated_note_reads_as_its_items():
    s = slots("户主 女 70 丧偶 与女儿同住 女儿45 肢体一级残疾", "caseworker")
    assert [(m["relation"], m.get("age")) for m in s["members"]] == [("self", 70), ("child", 45)]
    assert slots("户主 69 岁，一个人过", "caseworker")["members"][0]["age"] == 69


def test_a_one_character_kin_word_after_a_pair_names_that_parent():
    s = slots("户主30岁 未婚 跟父母住 父58 母55", "caseworker")
    assert sorted(m.get("age") for m in s["members"] if m["relation"] == "parent") == [55, 58]


def test_a_child_with_a_family_of_their_own_is_no_member():
    s = slots("户主男75，老伴72，闺女在县城打工自己也有家要养", "caseworker")
    assert [m["relation"] for m in s["members"]] == ["self", "spouse"]


def test_no_cost_said_with_money_is_no_hardship():
    assert "event" not in slots("家里四口人，儿子打工也不花钱")


def test_a_grade_said_alone_after_a_certificate():
    s = slots("孩子九岁，他爸没了，孩子妈有精神残疾证，三级")
    mother = next(m for m in s["members"] if m.get("disability"))
    assert mother["disability"]["grade"] == 3 and mother["disability"]["category"] == "mental"


def test_the_speaker_is_the_other_parent_of_their_own_child():
    s = slots("娃他爸在坐牢，我一个人带俩娃，大的九岁，小的六岁")
    assert next(m for m in s["members"] if m["relation"] == "self").get("age") is None
    assert sorted(m.get("age") for m in s["members"] if m["relation"] == "child") == [6, 9]


def test_a_bare_child_word_after_a_grandchild_talked_about_is_that_grandchild():
    s = slots("我外孙他爸没了，他妈联系不上，孩子7岁")
    assert s["members"][0]["relation"] == "self" and s["members"][0]["age"] == 7


def test_yi_after_the_speaker_is_no_age():
    assert all("age" not in m for m in slots("我一分存款都没有，家里两口人").get("members", []))


def test_a_kin_word_with_its_own_possessive_is_the_speakers():
    assert sorted(m["relation"] for m in slots("家里三口人，我跟我爸我妈")["members"]) == ["parent", "parent", "self"]


def test_a_child_with_both_parents_said_gone_is_the_applicant():
    s = slots("我外孙女她爸在服刑，她妈跑了联系不上，孩子十岁")
    assert s["members"][0]["relation"] == "self" and sorted(s["members"][0]["parents_situation"]) == [
        "imprisoned", "lost_contact"]
