"""Schema of the eligibility data files: legal bases (data/bases.yaml) and parameter files (data/parameters/*.yaml).

Parameters are dated series in the manner of OpenFisca: per name, ``values`` keyed by the date they take
effect (or ``always`` for a national rule without a recorded start), each with its unit and reference.
A file that does not fit is refused at load time with the file and the field named.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

ALWAYS = "always"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Data):
    """Either exact words of an indexed document (``quote``), or a national regulation not in the corpus."""

    quote: str | None = None
    document: str = ""  # title of the document the words come from, shown when they cannot be found
    regulation: str | None = None
    article: str = ""
    region: str | None = None  # canonical region the rule belongs to (bases.yaml); None = wherever used

    @model_validator(mode="after")
    def _one_kind(self) -> Reference:
        if (self.quote is None) == (self.regulation is None):
            raise ValueError("a reference has either `quote` (corpus words) or `regulation` (external), not both")
        if self.quote is not None and not self.quote.strip():
            raise ValueError("an empty quote cannot be found in any document")
        return self

    @property
    def in_corpus(self) -> bool:
        return self.quote is not None


class BasesFile(_Data):
    bases: dict[str, Reference]


class DatedValue(_Data):
    value: Any
    label: str | None = None  # overrides the series label for this value (e.g. "全省平均")
    effective_until: dt.date | None = None
    average: bool = False  # a provincial average: not any county's standard, so a caller's standard wins
    default: bool = False  # a national default that any local value (table or caller) overrides
    note: str = ""
    reference: Reference


class Series(_Data):
    label: str
    unit: str
    # yearly: a local standard adjusted every year, current for one year (or until effective_until / the next
    # value); until_replaced: a rule that stands until a newer value is recorded
    validity: Literal["yearly", "until_replaced"] = "yearly"
    values: dict[dt.date | Literal["always"], DatedValue]

    @model_validator(mode="after")
    def _dates(self) -> Series:
        if not self.values:
            raise ValueError("a series needs at least one value")
        for start, value in self.values.items():
            if value.effective_until and start != ALWAYS and value.effective_until < start:
                raise ValueError(f"effective_until {value.effective_until} is before {start}")
        return self


class ParameterFile(_Data):
    region: str
    document: str = ""  # default document title of the quotes in this file
    parameters: dict[str, Series]
