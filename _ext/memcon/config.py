"""The extension's settings, validated when the configuration is read."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

PENDING_MODES = ("info", "warn", "ignore")


def add_settings(app: Sphinx) -> None:
    """Declare the settings, each prefixed, typed and with the rebuild it needs."""
    app.add_config_value("quotecheck_pages", ["analysis/**"], "env", types=[list, tuple])
    app.add_config_value("quotecheck_pending", "info", "env", types=[str])
    app.add_config_value("quotecheck_threshold", 0.8, "env", types=[float, int])
    app.add_config_value("memcon_transcripts", ["transcripts/*"], "env", types=[list, tuple])
    app.add_config_value("memcon_persons", "", "env", types=[str])


def validate(app: Sphinx, config: Config) -> None:
    """Refuse a setting that cannot work, saying what was expected."""
    if config.quotecheck_pending not in PENDING_MODES:
        raise ConfigError(
            f"quotecheck_pending = {config.quotecheck_pending!r}: expected one of "
            + ", ".join(repr(m) for m in PENDING_MODES)
        )
    threshold = config.quotecheck_threshold
    if isinstance(threshold, bool) or not 0.0 < float(threshold) < 1.0:
        raise ConfigError(
            f"quotecheck_threshold = {threshold!r}: expected a number between "
            "0 and 1 (exclusive), the similarity from which a near miss is "
            "reported as misquoted"
        )
    for name in ("quotecheck_pages", "memcon_transcripts"):
        patterns = config[name]
        if not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise ConfigError(
                f"{name} = {patterns!r}: expected a non-empty list of "
                "docname patterns such as 'analysis/**'"
            )
