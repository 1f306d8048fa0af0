"""``python -m bench``: the benchmark's command line (see :mod:`bench`)."""

from __future__ import annotations

import sys

from . import main

sys.exit(main())
