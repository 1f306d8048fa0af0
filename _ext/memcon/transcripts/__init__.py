"""The transcripts on the Sphinx side: front matter read into records, turns, page breaks,
notes, persons and listings (the OCR importer is :mod:`memcon.ocr`)."""
