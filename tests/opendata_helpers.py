"""What the open-data tests share: validating TEI with Jing against ``tei_all.rng``, and
reading a TEI document's spoken words."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

#: Where ``make test`` puts the schema (``tools/tei_schema.py``), in the virtual environment.
TEI_SCHEMA = Path(sys.prefix) / "share" / "tei" / "tei_all.rng"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def jing_errors(*documents: Path) -> list[str]:
    """Jing's errors for ``documents`` against tei_all (none: valid). Fails, saying how to
    install them, when Jing or the schema is missing: `make test` installs both."""
    jing = shutil.which("jing")
    if jing is None or not TEI_SCHEMA.is_file():
        pytest.fail(
            "the TEI test needs Debian's jing and tei_all.rng: `make test` installs both "
            "(`sh tools/system-deps.sh`; `python tools/tei_schema.py "
            f"{TEI_SCHEMA.parent}`)",
            pytrace=False,
        )
    result = subprocess.run(
        [jing, str(TEI_SCHEMA), *map(str, documents)], capture_output=True, text=True
    )
    return [line for line in result.stdout.splitlines() if ": error:" in line]


def spoken_text(sp: object) -> str:
    """The spoken words of an ``<sp>`` (an lxml element): its paragraphs' text, less the
    speaker, notes, markings and page breaks."""
    from lxml import etree

    assert isinstance(sp, etree._Element)
    parts = []
    for paragraph in sp.findall("tei:p", NS):
        copy = etree.fromstring(etree.tostring(paragraph))
        for unspoken in copy.xpath(
            ".//tei:note | .//tei:seg[@type='classification']", namespaces=NS
        ):
            tail = unspoken.tail or ""
            parent = unspoken.getparent()
            previous = unspoken.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(unspoken)
        parts.append("".join(copy.itertext()))
    return "\n".join(parts)
