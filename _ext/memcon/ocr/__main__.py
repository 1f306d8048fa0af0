"""``python -m memcon.ocr``: see :mod:`memcon.ocr.cli`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
