"""The transcripts: page front matter, the OCR importer, and their Sphinx side."""
