"""The one error of the importer."""

from __future__ import annotations


class OcrError(ValueError):
    """The OCR text cannot be imported; the message says where and what was expected."""
