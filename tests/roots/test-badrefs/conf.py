extensions = ["myst_parser", "sphinxcontrib.bibtex", "memcon"]
bibtex_bibfiles = ["refs.bib"]
