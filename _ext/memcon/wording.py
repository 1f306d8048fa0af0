"""How the edition writes dates (``March 18, 2003``) and excerpts of a text in messages,
margins and errors. Pure: no Sphinx, no locale."""

from __future__ import annotations

import datetime as dt

#: The months' names in English, whatever the machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def written(date: dt.date | str) -> str:
    """A date written out: ``2003-03-18`` (or its ``date``) is ``March 18, 2003``."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def excerpt(text: str, limit: int = 90) -> str:
    """``text`` on one line and at most ``limit`` characters long, cut with “…”."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
