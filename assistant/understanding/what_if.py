"""What a what-if changes, for the screening of that one turn: the household it screens (a member added to a
household whose size was said makes it larger by them) and the changed facts in words, so the answer says which
fact was changed hypothetically. The stored household is never touched here (service keeps the one before)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from assistant.understanding.reader import Reading, read
from assistant.understanding.state import Fact, HouseholdState
from assistant.understanding.tables import policy
from assistant.understanding.view import table


class Change(BaseModel):
    """One fact a what-if changed: a member added or left out, or a cell with its new value as the table shows it."""

    kind: Literal["added", "removed", "changed"]
    who: str | None = None  # the member's label; None for a household fact
    field: str | None = None  # the cell's label (年收入, 城乡)
    text: str | None = None  # the new value


def settle(before: HouseholdState, after: HouseholdState) -> None:
    """要是他儿子也住家里呢: a what-if that adds people to a household whose size was said, and whose every
    counted member was already named, is larger by them (unless the message says a size). When some counted
    members were not named, a new name may be one of them: the size is left as said (the conflict is asked)."""
    size = after.household_size
    if size is None or before.household_size is None or size.message != before.household_size.message:
        return
    was = {p.key for p in before.present()}
    added = [p for p in after.present() if p.key not in was]
    if added and len(was) == size.value:
        words = "、".join(p.label for p in added)
        after.household_size = Fact(value=size.value + len(added), how="inferred", message=after.messages - 1,
                                    words=words)


def changes(before: HouseholdState, after: HouseholdState) -> list[Change]:
    """The facts the what-if changed, as the table shows them after the change (only the new values: the
    user's own words or what follows from them)."""
    t0, t1 = table(before, said=True), table(after, said=True)
    fields = {c["field"]: c["label"] for c in t1["columns"]}
    old = {m["key"]: m for m in t0["members"]}
    out: list[Change] = []
    for m in t1["members"]:
        if m["key"] not in old:
            out.append(Change(kind="added", who=m["label"]))
            continue
        for name, cell in m["cells"].items():
            was = old[m["key"]]["cells"].get(name)
            if cell is not None and (was is None or was["text"] != cell["text"]):
                out.append(Change(kind="changed", who=m["label"], field=fields[name], text=cell["text"]))
    now = {m["key"] for m in t1["members"]}
    out += [Change(kind="removed", who=m["label"]) for k, m in old.items() if k not in now]
    was_household = {h["field"]: h["cell"]["text"] for h in t0["household"]}
    out += [Change(kind="changed", field=h["label"], text=h["cell"]["text"]) for h in t1["household"]
            if was_household.get(h["field"]) != h["cell"]["text"]]
    return out


_END_PUNCT = re.compile(r"[\s?？!！。.~～]+$")


def contrast(before: HouseholdState, reading: Reading, message: str, role: str | None) -> Reading:
    """那城市的呢 after a screening: the household with that fact in place of the one it holds, screened as a
    what-if (the stored household stays). Left as read when the message is no elliptic contrast, is a what-if
    already, or replaces no fact the household held (那她呢 refers to someone)."""
    c = policy().contrast
    if reading.what_if or not before.present():
        return reading
    text = _END_PUNCT.sub("", message.strip())
    lead = next((w for w in sorted(c.lead, key=len, reverse=True) if text.startswith(w)), None)
    if lead is None or not any(text.endswith(e) for e in c.end):
        return reading
    alt = read(c.cue + message.strip()[len(lead):], before, role)
    if not alt.what_if or not any(_replaces(before, path, alt.state) for path in alt.changed):
        return reading
    return alt


def _replaces(before: HouseholdState, path: str, after: HouseholdState) -> bool:
    """The changed slot held a value before, and holds another now."""
    def get(s: HouseholdState) -> Any:
        owner: Any = s
        head, _, rest = path.partition(".")
        if re.fullmatch(r"p\d+", head):
            owner, path_rest = s.person(head), rest
        else:
            path_rest = path
        for name in path_rest.split("."):
            owner = getattr(owner, name, None) if owner is not None else None
        return owner.value if owner is not None and hasattr(owner, "value") else None
    was = get(before)
    return was is not None and was != get(after)
