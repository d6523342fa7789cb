"""Relations computed from kinship paths (data/people.yaml `kin`): a person's relation to the applicant is
the applicant → speaker path followed by the speaker → person path, reduced, then named. Nothing here lists
a pair of relations; the pairs follow from the three steps P (parent), C (child) and S (spouse)."""

from __future__ import annotations

from assistant.understanding.tables import people

_INVERSE = {"P": "C", "C": "P", "S": "S"}


def inverse(path: str) -> str:
    """The way back: my mother's (P) way to me is C; my spouse's parent's (SP) way to me is C S."""
    return "".join(_INVERSE[step] for step in reversed(path))


def generation(path: str) -> int:
    """Generations above the start (a parent +1, a grandchild −2)."""
    return path.count("P") - path.count("C")


def reduce(path: str, distinct: bool = True) -> str:
    """The household reading of a path (a parent's spouse is a parent, a child's parent oneself); a person
    ``distinct`` from the start whose path reduces to nothing is named by the last pair removed (孩子他爸 said by
    the mother: C P → S, her spouse)."""
    t = people()
    last = ""
    changed = True
    while changed:
        changed = False
        for pair, into in t.reduce.items():
            at = path.find(pair)
            if at >= 0:
                path = path[:at] + into + path[at + len(pair):]
                last = pair
                changed = True
                break
    if not path and distinct and last:
        return t.other_end.get(last, "")
    return path


def compose(applicant: str, member: str) -> str:
    """The applicant → member path, from both persons' paths from the speaker (the two are different people)."""
    a, m = reduce(applicant), reduce(member)
    shared = ""
    while a and m and a[0] == m[0]:
        shared, a, m = a[0], a[1:], m[1:]
    path = reduce(inverse(a) + m)
    if not path and shared:
        return people().shared_step.get(shared, "")
    return path


def relation(applicant: str, member: str) -> str:
    """The member's relation to the applicant (people.yaml `relation_of_path`; a path it does not name: other)."""
    return people().relation_of_path.get(compose(applicant, member), "other")
