"""Serves the npm package ``@apache-annotator/dom`` (the W3C selectors' reference
implementation, installed by ``npm ci`` from package.json) to a page in Chromium.

The package is published as ES modules that import Babel's runtime by bare names, and
through it core-js, which is CommonJS. The page's requests under :data:`PREFIX` are answered
from ``node_modules``: the package's own modules as they are, with each bare name rewritten
to an address under :data:`PREFIX`, and each core-js polyfill as a module that exports the
built-in it stands for (Chromium has them all). No bundler, no download.
"""

from __future__ import annotations

import re
from typing import Any

from harness import ROOT

NODE_MODULES = ROOT / "node_modules"
DOM = NODE_MODULES / "@apache-annotator" / "dom"
#: Where the page asks for the modules (the site's own origin, answered by a route).
PREFIX = "/_node_modules/"
#: The package's entry points the tests import: matching only, not its CSS module (which
#: needs optimal-select, a CommonJS package).
TEXT_QUOTE = f"{PREFIX}@apache-annotator/dom/lib/text-quote/index.js"
TEXT_POSITION = f"{PREFIX}@apache-annotator/dom/lib/text-position/index.js"

_IMPORT = re.compile(r"""(\bfrom\s+|\bimport\s+)(["'])([^"'./][^"']*)\2""")
_POLYFILL = re.compile(
    r"^(?:core-js-pure/features|@babel/runtime-corejs3/core-js)/(.+?)(?:/index)?(?:\.js)?$"
)


def _camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(part.title() for part in rest)


def polyfill(feature: str) -> str:
    """The module standing for a core-js feature (``instance/map``, ``symbol/iterator``...):
    what Chromium has built in."""
    if feature.startswith("instance/"):
        return f"export default (it) => it.{_camel(feature.split('/', 1)[1])};\n"
    if feature == "get-iterator":
        return "export default (it) => it[Symbol.iterator]();\n"
    if feature == "get-iterator-method":
        return "export default (it) => it[Symbol.iterator];\n"
    first, *rest = feature.split("/")
    built_in = "globalThis." + _camel(first)[0].upper() + _camel(first)[1:]
    if rest:
        built_in += f"?.{_camel(rest[0])}"
    return f"export default {built_in};\n"


def resolve(specifier: str) -> str:
    """The address under :data:`PREFIX` of a bare module name."""
    if specifier == "@babel/runtime-corejs3/regenerator":
        return f"{PREFIX}regenerator.js"
    if _POLYFILL.match(specifier):
        return f"{PREFIX}polyfill/{_POLYFILL.match(specifier)[1]}.js"  # type: ignore[index]
    if specifier == "@apache-annotator/selector":
        return f"{PREFIX}@apache-annotator/selector/lib/index.js"
    return PREFIX + specifier + ("" if specifier.endswith(".js") else ".js")


def module_source(path: str) -> str | None:
    """The module served at ``path`` (under :data:`PREFIX`), or ``None``."""
    name = path[len(PREFIX) :]
    if name == "regenerator.js":
        helper = resolve("@babel/runtime-corejs3/helpers/esm/regeneratorRuntime")
        return f'import runtime from "{helper}";\nexport default runtime();\n'
    if name.startswith("polyfill/"):
        return polyfill(name.removeprefix("polyfill/").removesuffix(".js"))
    file = (NODE_MODULES / name).resolve()
    if NODE_MODULES not in file.parents or not file.is_file():
        return None
    source = file.read_text("utf-8")
    return _IMPORT.sub(lambda m: f"{m[1]}{m[2]}{resolve(m[3])}{m[2]}", source)


def serve(page: Any) -> None:
    """Answer ``page``'s requests under :data:`PREFIX` from ``node_modules``."""

    def answer(route: Any) -> None:
        path = "/" + route.request.url.split("/", 3)[3].split("?")[0]
        source = module_source(path)
        if source is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(status=200, body=source, content_type="text/javascript")

    page.route(f"**{PREFIX}**", answer)
