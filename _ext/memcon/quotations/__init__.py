"""Quotation checking: the pure matching core (textlayer, match) and its Sphinx layer."""
