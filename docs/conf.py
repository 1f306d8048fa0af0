"""Sphinx configuration of the edition.

The source root is the repository root (``sphinx-build -c docs . _build/html``), so pages land
at ``transcripts/<id>.html``, ``analysis/<name>.html`` and ``index.html``.
"""

from __future__ import annotations

import importlib.metadata
import urllib.parse

project = "The Bush–Putin Conversations, 2001–2008"
author = "The editors"
copyright = "2026, the editors"
language = "en"

# The one place the hosted edition's address is set.
html_baseurl = "https://bush-putin-edition.github.io/"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "memcon",
]

root_doc = "index"
include_patterns = ["index.md", "docs/**", "transcripts/**", "analysis/**"]
exclude_patterns = ["docs/_templates/**", "docs/_static/**"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"

myst_enable_extensions = ["colon_fence", "deflist", "strikethrough", "attrs_inline"]
myst_heading_anchors = 3
suppress_warnings = ["myst.strikethrough"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

memcon_persons = "persons.yml"

html_theme = "sphinx_book_theme"
html_title = "The Bush–Putin Conversations"
html_theme_options = {
    "use_sidenotes": True,
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None

# Sharing: a sitemap for search engines and Open Graph cards for links, both at html_baseurl.
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]
ogp_site_url = html_baseurl

# The EPUB (``make epub``), valid for epubcheck: EPUB 3 requires a non-empty version
# (ibooks:version) and identifier, and the NCX repeats the identifier as the uid, which must
# be an XML id: the edition's host name is both.
release = importlib.metadata.version("memcon")
version = release
epub_title = project
epub_author = author
epub_publisher = author
epub_contributor = author
epub_copyright = copyright
epub_description = (
    "An annotated edition of the declassified memorandums of the conversations of Presidents "
    "George W. Bush and Vladimir Putin, 2001–2008, with an analysis whose every quotation is "
    "checked against the documents."
)
epub_identifier = epub_uid = urllib.parse.urlsplit(html_baseurl).hostname
epub_show_urls = "no"
