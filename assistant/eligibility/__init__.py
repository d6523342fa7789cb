"""Eligibility pre-screening: social-assistance rules as code over a household's declared facts.

Pure rules over pydantic models and data files; imports neither the agent, the API nor HTTP.
"""

from .engine import PROGRAMS, check_household, parse_household
from .messages import HouseholdInputError, validation_messages
from .models import Household, Member
from .results import ProgramResult, ScreeningResult, Step

__all__ = [
    "PROGRAMS",
    "Household",
    "HouseholdInputError",
    "Member",
    "ProgramResult",
    "ScreeningResult",
    "Step",
    "check_household",
    "parse_household",
    "validation_messages",
]
