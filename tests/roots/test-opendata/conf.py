extensions = ["myst_parser", "memcon"]
myst_enable_extensions = ["colon_fence", "strikethrough"]
include_patterns = ["index.md", "transcripts/**", "analysis/**"]
suppress_warnings = ["myst.strikethrough"]
html_baseurl = "https://example.org/edition/"
