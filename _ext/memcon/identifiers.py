"""The one definition of a conversation's id (its date, then -b, -c ... for a later one the
same day) and of a speaker's id, which the front matter's model, the quotation roles'
targets and the importer use alike.

Pure, and light: a page that quotes a conversation is read without the front matter's model.
"""

from __future__ import annotations

import re

TRANSCRIPT_ID = re.compile(r"\d{4}-\d{2}-\d{2}(?:-[b-z])?")
SPEAKER_ID = re.compile(r"[a-z][a-z0-9_-]*")

ID_EXPECTED = (
    'an id such as "2003-03-18" (the date, then -b, -c ... for a later conversation the same day)'
)
SPEAKER_ID_EXPECTED = (
    "a speaker id (a lower-case letter, then lower-case letters, digits, '_' or '-')"
)
