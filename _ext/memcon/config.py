"""The extension's settings, one prefix for all (``memcon_``), validated when the
configuration is read."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

PENDING_MODES = ("info", "warn", "ignore")
#: The settings as they were once named, and their names now: a conf.py that still sets one
#: would otherwise be ignored without a word.
RENAMED = {
    "quotecheck_pages": "memcon_quotation_pages",
    "quotecheck_pending": "memcon_pending",
    "quotecheck_threshold": "memcon_threshold",
}


def setup(app: Sphinx) -> None:
    """Declare the settings, each typed and with the rebuild it needs, and check them."""
    app.add_config_value("memcon_quotation_pages", ["analysis/**"], "env", types=[list, tuple])
    app.add_config_value("memcon_pending", "info", "env", types=[str])
    app.add_config_value("memcon_threshold", 0.8, "env", types=[float, int])
    app.add_config_value("memcon_transcripts", ["transcripts/*"], "env", types=[list, tuple])
    app.add_config_value("memcon_persons", "", "env", types=[str])
    app.connect("config-inited", validate)


def validate(app: Sphinx, config: Config) -> None:
    """Refuse a setting that cannot work, saying what was expected."""
    for old, new in RENAMED.items():
        if old in config._raw_config:
            raise ConfigError(f"{old} is now called {new}; rename it in conf.py")
    if config.memcon_pending not in PENDING_MODES:
        raise ConfigError(
            f"memcon_pending = {config.memcon_pending!r}: expected one of "
            + ", ".join(repr(m) for m in PENDING_MODES)
        )
    threshold = config.memcon_threshold
    if isinstance(threshold, bool) or not 0.0 < float(threshold) < 1.0:
        raise ConfigError(
            f"memcon_threshold = {threshold!r}: expected a number between 0 and 1 "
            "(exclusive), the similarity from which a near miss is reported as misquoted"
        )
    for name in ("memcon_quotation_pages", "memcon_transcripts"):
        patterns = config[name]
        if not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise ConfigError(
                f"{name} = {patterns!r}: expected a non-empty list of "
                "docname patterns such as 'analysis/**'"
            )
    _validate_persons(app, config)


def _validate_persons(app: Sphinx, config: Config) -> None:
    persons = config.memcon_persons
    if not isinstance(persons, str):
        raise ConfigError(
            f"memcon_persons = {persons!r}: expected the path of the persons register, "
            "a YAML file, relative to conf.py (or '' for none)"
        )
    if persons and not (Path(app.confdir) / persons).is_file():
        raise ConfigError(
            f"memcon_persons = {persons!r}: no such file beside conf.py "
            f"({Path(app.confdir) / persons}); expected the persons register, a YAML file"
        )
