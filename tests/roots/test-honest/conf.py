extensions = ["myst_parser", "memcon"]
myst_enable_extensions = ["colon_fence"]
include_patterns = ["index.md", "verification.md", "transcripts/**", "analysis/**"]
suppress_warnings = ["myst.strikethrough"]
