"""Which tools the offline model calls for a message: a policy question → search_policy; a message that
changes or refers to the conversation's household (read by ``assistant.understanding.reader`` before the
turn) → check_eligibility on the stored household; both when a description comes with another question;
get_parameter when a question asks for an amount that is a known parameter; get_clause when a clause id
is given; make_quiz when a trainer asks for quiz items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.agent.lexicon import lexicon, prompts
from assistant.quiz import parse_request
from assistant.retrieval.query import YEAR
from assistant.understanding.question import analyse_question
from assistant.understanding.reader import Reading
from assistant.understanding.tables import dialogue, policy
from indexer.regions import gazetteer


@dataclass
class Call:
    name: str
    args: dict[str, Any]


def plan(text: str, reading: Reading | None) -> list[Call]:
    text = text.strip()
    if _greeting(text):
        return []
    quiz = quiz_request(text)
    if quiz is not None:
        return [Call("make_quiz", quiz)]
    calls: list[Call] = [Call("get_clause", {"chunk_id": cid}) for cid in re.findall(lexicon()["clause_id_pattern"], text)]
    if calls:
        return calls
    state = reading.state if reading else None
    # a question in a conversation about a household is about that household's region unless it names one
    household_region = None
    if state is not None and state.region is not None:
        r = state.region.value
        household_region = r.county or r.prefecture or r.province
    regions = reading.regions if reading else gazetteer().find(text)
    region = regions[0] if regions else household_region
    # what the message asks: the reader's question part, else the whole message when it carries a cue of an
    # asked type (分几类, 哪几方: a policy question the reader took for a statement of place)
    question = (reading.question or (text if analyse_question(text).asked_type != "other" else "")) if reading else text
    # a question about a program by name (老人自己能单独申请吗, 需要纳入监测吗) in a conversation about a household
    # is about that household: re-screened, not answered by a bare search
    names_program = (bool(policy().asked(text)) and bool(question) and not _policy_question(question)
                     and analyse_question(question).asked_type == "yes_no")
    rescreen = reading is not None and state is not None and bool(state.present()) and (
        _describes_household(reading, question) or reading.refers or names_program)
    if rescreen:
        calls.append(Call("check_eligibility", {}))
    if reading is not None and not question and _query_phrase(text):
        question = text  # 三类人员的补贴标准: a search typed as a phrase, whatever it describes
    # a description that comes with a question (有辆七万的车，能申请低保不): the screening knows the programs'
    # rules as code, a loaded office document may state the one asked about; the search reads the whole
    # message, as the facts are the question's subject
    asks = (rescreen and reading is not None and _describes_household(reading, question) and not reading.what_if
            and not reading.answered and bool(question))
    # a what-if about the household is answered by its screening with the change (a search would read the
    # hypothetical as a policy question and find no clause for it)
    what_if = rescreen and reading is not None and reading.what_if
    if not rescreen or asks or (_policy_question(question) and not what_if):
        args: dict[str, Any] = {"query": text if asks or not rescreen else question or text}
        if region:
            args["region"] = region
        calls.append(Call("search_policy", args))
    parameter = _parameter(question or text)
    if parameter and region:
        args = {"name": parameter, "region": region}
        year = _stated_year(text)
        if year:
            args["date"] = f"{year}-12-31"
        calls.append(Call("get_parameter", args))
    return calls


# where and when a message places itself (长春的…, 农村, 2023年): no household is described by these alone
_PLACE_SLOTS = frozenset({"region", "area", "year"})


def _describes_household(reading: Reading, question: str = "") -> bool:
    """The message set a fact of a person or of the household, not only the place or year a question asks
    about: a question about one county's rule (丰宁的低保标准是多少) names a region and describes nobody, so it is no screening; a
    statement of where the household lives (俺家在丰宁农村) still is one."""
    if any(path.split(".")[0] not in _PLACE_SLOTS for path in reading.changed):
        return True
    return bool(reading.changed) and not (question or reading.question)


def quiz_request(text: str) -> dict[str, Any] | None:
    """make_quiz arguments (topic, n, types, region) when ``text`` asks for quiz items, else None."""
    words = lexicon()["quiz"]
    if not (any(w in text for w in words["triggers"]) or any(re.search(p, text) for p in words["patterns"])):
        return None
    args = parse_request(text)
    if args["topic"] is None:
        args["topic"] = _named_topic(text)
    return args


def _named_topic(text: str) -> str | None:
    """A topic the request names that the quiz may not know (关于火星移民的), without regions and filler."""
    words = lexicon()["quiz"]
    g = gazetteer()
    for pattern in words["topic_patterns"]:
        m = re.search(pattern, text)
        if not m:
            continue
        phrase = m.group("topic")
        names = {a for r in g.find(phrase) for a in (r, g.by_name[r].short, *g.by_name[r].aliases)}
        for word in sorted({*names, *words["topic_filler"]}, key=len, reverse=True):
            phrase = phrase.replace(word, "")
        return phrase.strip() or None
    return None


def _query_phrase(text: str) -> bool:
    """A message that ends with what a rule fixes (…的补贴标准, 申请材料): a search typed as a phrase."""
    bare = re.sub(r"[\s，,。.！!？?~～]+$", "", text)
    return any(bare.endswith(w) for w in lexicon()["query_nouns"])


def _greeting(text: str) -> bool:
    bare = re.sub(r"[\s，,。.！!？?~～]+", "", text).lower()
    return bool(bare) and len(bare) <= 6 and any(bare.startswith(g) for g in lexicon()["greetings"])


def _parameter(question: str) -> str | None:
    if not any(cue in question for cue in lexicon()["amount_cues"]):
        return None
    for name, aliases in prompts()["parameters"].items():
        if any(a in question for a in aliases):
            return name
    return None


def _stated_year(text: str) -> str | None:
    """The year a question asks about (2019年): YEAR followed by 年, so 2000元 is not a year."""
    for m in YEAR.finditer(text):
        if text[m.end() :].lstrip().startswith("年"):
            return m.group(1)
    return None


def _policy_question(question: str) -> bool:
    """A question beyond "does this household qualify" (能办低保吗, 那她呢): one the screening cannot answer."""
    rest = question
    names = [w for words in policy().focus.values() for w in words]  # the programs' names (data/policy.yaml)
    for word in sorted([*dialogue().refer, *names], key=len, reverse=True):
        rest = rest.replace(word, "")
    rest = re.sub(r"[\s，,。？?！!吗呢吧啊么不的了]|补贴|救助", "", rest)
    return len(rest) >= 6
