"""Reading the YAML block at the top of a page, remembering the page line of every key.

Pure, and light to import: the model that checks a transcript's front matter, with its
heavier dependencies, is :mod:`memcon.schema`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

NO_FRONT_MATTER = (
    "the page has no front matter: it must begin with a line '---', then the fields, then '---'"
)
UNCLOSED_FRONT_MATTER = "the front matter is not closed: expected a line '---' after the fields"
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page's front matter."""

    #: Dotted path of the field, e.g. ``"source.nw"`` or ``"participants.russia[0].name"``;
    #: empty when the problem concerns the front matter as a whole.
    field: str
    #: 1-based line in the page: the line of the field's key, or of the nearest enclosing key
    #: that exists (the opening ``---`` for a missing top-level field).
    line: int
    #: What is wrong and what was expected, written to be read as a build warning.
    message: str


class FrontMatterError(ValueError):
    """The front matter is missing, unreadable or invalid; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"line {p.line}: {p.message}" for p in problems))
        self.problems = problems


class FrontMatterMapping(dict[str, Any]):
    """The front matter as read from YAML, remembering the page line of every key and item."""

    def __init__(self, data: dict[str, Any], key_lines: dict[KeyPath, int]) -> None:
        super().__init__(data)
        #: Page line of each key (by path; the empty path is the opening ``---``).
        self.key_lines = key_lines


def show_value(value: object) -> str:
    """A value as a warning shows it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return str(value)


class _Loader(yaml.SafeLoader):
    """Safe YAML, except that an impossible date (2003-02-30) stays text for the model to report."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with LibYAML's parser, where PyYAML has it; its error messages differ, so
    a block it refuses is read again by :class:`_Loader` for the message."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _compose(text: str, loader_class: type[yaml.SafeLoader]) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _closing_line(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter ``lines`` open; 0 when they do
    not open with ``---``, ``None`` when nothing closes it."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)


def parse_front_matter(source: str) -> tuple[dict[str, Any], int]:
    """Read the YAML block between the page's leading ``---`` lines.

    Returns the mapping (a :class:`FrontMatterMapping`, which remembers the line of every key)
    and the 1-based page line where the block's body starts. Raises :class:`FrontMatterError`
    when the block is missing or unclosed, is not valid YAML, repeats a key, or is not a mapping.
    """
    lines = source.removeprefix("\ufeff").splitlines()
    end = _closing_line(lines)
    if end == 0:
        raise FrontMatterError([Problem("", 1, NO_FRONT_MATTER)])
    if end is None:
        raise FrontMatterError([Problem("", 1, UNCLOSED_FRONT_MATTER)])
    first_line = 2
    text = "\n".join(lines[1:end])
    try:
        node, data = _compose(text, _FastLoader)
    except yaml.MarkedYAMLError:
        try:
            node, data = _compose(text, _Loader)
        except yaml.MarkedYAMLError as exc:
            raise FrontMatterError([_yaml_problem(exc, first_line)]) from None
    if node is None or not isinstance(data, dict):
        found = "nothing" if node is None else show_value(data)
        message = f"the front matter must be a mapping of fields (key: value lines), got {found}"
        raise FrontMatterError([Problem("", first_line - 1, message)])
    key_lines: dict[KeyPath, int] = {(): first_line - 1}
    duplicates: list[Problem] = []
    _note_key_lines(node, (), first_line, key_lines, duplicates)
    if duplicates:
        raise FrontMatterError(duplicates)
    return FrontMatterMapping(data, key_lines), first_line


def blank_front_matter(source: str) -> str:
    """``source`` with its leading front matter block, delimiters included, replaced by as
    many empty lines; unchanged when it has none, or when a line of the block ends in
    anything but a newline (the block's lines and the page's would then be counted apart)."""
    lines = source.removeprefix("\ufeff").splitlines(keepends=True)
    end = _closing_line(lines)
    if not end:
        return source
    block = lines[: end + 1]
    if any(not line.endswith("\n") for line in block):
        return source
    return "\n" * len(block) + "".join(lines[end + 1 :])


def _yaml_problem(exc: yaml.MarkedYAMLError, first_line: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = first_line + mark.line if mark is not None else first_line - 1
    context = f" ({exc.context})" if exc.context else ""
    return Problem("", line, f"the front matter is not valid YAML: {exc.problem}{context}")


def _note_key_lines(
    node: yaml.Node,
    path: KeyPath,
    first_line: int,
    key_lines: dict[KeyPath, int],
    duplicates: list[Problem],
) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            line = first_line + key_node.start_mark.line
            if key_path in key_lines:
                field, first = dotted_path(key_path), key_lines[key_path]
                message = f"field '{field}' is given twice (lines {first} and {line})"
                duplicates.append(Problem(field, line, message))
                continue
            key_lines[key_path] = line
            _note_key_lines(value_node, key_path, first_line, key_lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key_lines[(*path, index)] = first_line + item.start_mark.line
            _note_key_lines(item, (*path, index), first_line, key_lines, duplicates)


def dotted_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
