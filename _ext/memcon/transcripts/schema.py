"""The front matter of a transcript page: its model, how it is read, and how it is checked.

Pure: nothing here imports Sphinx or docutils. The Sphinx side calls
:func:`parse_front_matter` and :func:`validate` and turns each :class:`Problem` of a
:class:`FrontMatterError` into a warning at the problem's line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

TRANSCRIPT_ID = re.compile(r"\d{4}-\d{2}-\d{2}(-[b-z])?")
SPEAKER_ID = re.compile(r"[a-z][a-z0-9_-]*")
#: A classification marking as printed: ``(U)``, ``(S)``, ``(C)``, ``(TS)``, ``(S/NF)``; struck
#: through in the original when wrapped in ``~~`` (``~~(S)~~``, ``~~TS~~``).
MARKING = re.compile(r"~~\s*\(?(?:U|C|S|TS)(?:/[/A-Z]+)?\)?\s*~~|\((?:U|C|S|TS)(?:/[/A-Z]+)?\)")

ID_EXPECTED = (
    'an id such as "2003-03-18" (the date, then -b, -c ... for a later conversation the same day)'
)
NO_FRONT_MATTER = (
    "the page has no front matter: it must begin with a line '---', then the fields, then '---'"
)
UNCLOSED_FRONT_MATTER = "the front matter is not closed: expected a line '---' after the fields"
SPEAKER_ID_EXPECTED = (
    "a speaker id (a lower-case letter, then lower-case letters, digits, '_' or '-')"
)

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


def _show(value: object) -> str:
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


def _transcript_id(value: object) -> object:
    # An unquoted id is read by YAML as a date.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()
    if not isinstance(value, str) or not TRANSCRIPT_ID.fullmatch(value):
        raise ValueError(f"expected {ID_EXPECTED}, got {_show(value)}")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date written YYYY-MM-DD, got {_show(value)}")


def _number_as_printed(value: object) -> object:
    # NW# and DocId numbers are kept as text; YAML reads them unquoted as integers.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not (isinstance(value, str) and value.isdigit()):
        raise ValueError(f"expected the number as printed (digits only), got {_show(value)}")
    return value


def _speaker_id(value: str) -> str:
    if not SPEAKER_ID.fullmatch(value):
        raise ValueError(f"expected {SPEAKER_ID_EXPECTED}, got {_show(value)}")
    return value


def _marking(value: str | None) -> str | None:
    if value is not None and not MARKING.fullmatch(value):
        raise ValueError(
            "expected a classification marking such as '(U)', '(S)' or '~~(S)~~', "
            f"got {_show(value)}"
        )
    return value


def _url(value: str | None) -> str | None:
    if value is not None and not re.match(r"https?://\S+$", value):
        raise ValueError(
            f"expected an address beginning with https:// or http://, got {_show(value)}"
        )
    return value


TranscriptId = Annotated[str, BeforeValidator(_transcript_id)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
SpeakerId = Annotated[str, AfterValidator(_speaker_id)]
Text = Annotated[str, Field(min_length=1)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Participant(_Record):
    """A participant as the memorandum lists them."""

    name: Text = Field(description="the person's name, e.g. George W. Bush")
    role: Text | None = Field(
        description="the role as the memorandum gives it, e.g. The President, or null"
    )


class Participants(_Record):
    """The participants, by side."""

    united_states: tuple[Participant, ...] = Field(default=(), description="a list of {name, role}")
    russia: tuple[Participant, ...] = Field(default=(), description="a list of {name, role}")


class Source(_Record):
    """Where the document comes from and its declassification."""

    posting: Text | None = Field(default=None, description="the title of the archive's posting")
    posting_date: Annotated[IsoDate | None, Field(description="the posting's date, YYYY-MM-DD")] = (
        None
    )
    document: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="the document's number in the posting"
    )
    url: Annotated[str | None, AfterValidator(_url)] = Field(
        default=None, description="the document's address"
    )
    nw: Annotated[str | None, BeforeValidator(_number_as_printed)] = Field(
        default=None, description="the NW# case number"
    )
    docid: Annotated[str | None, BeforeValidator(_number_as_printed)] = Field(
        default=None, description="the DocId number"
    )
    classification: Literal["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"] | None = Field(
        default=None,
        description="the classification banner: CONFIDENTIAL, SECRET, TOP SECRET or UNCLASSIFIED",
    )
    declassified: Annotated[
        IsoDate | None, Field(description="the declassification date, YYYY-MM-DD")
    ] = None


class FrontMatter(_Record):
    """The front matter of a transcript page (``transcripts/<id>.md``)."""

    id: TranscriptId = Field(description=ID_EXPECTED)
    date: IsoDate = Field(description="the date of the conversation, YYYY-MM-DD")
    kind: Literal["memcon", "telcon"] = Field(description="memcon or telcon")
    title: Text = Field(description="the page title")
    subject: Text | None = Field(default=None, description="the SUBJECT line as printed")
    subject_marking: Annotated[str | None, AfterValidator(_marking)] = Field(
        default=None, description="the marking of the SUBJECT line, e.g. (U)"
    )
    time: Text | None = Field(
        default=None, description="the time as printed, e.g. 9:29 - 9:50 a.m. EST"
    )
    place: Text | None = Field(default=None, description="the place as printed")
    status: Literal["transcribed", "pending"] = Field(description="transcribed or pending")
    participants: Participants = Field(default_factory=Participants)
    notetakers: tuple[Text, ...] = Field(default=(), description="a list of names")
    interpreters: tuple[Text, ...] = Field(default=(), description="a list of names")
    speakers: dict[SpeakerId, Text] = Field(
        default_factory=dict,
        validate_default=True,
        description="a mapping of speaker id to label",
    )
    topics: tuple[Text, ...] = Field(default=(), description="a list of topics")
    source: Source = Field(
        description="a mapping with posting, posting_date, document, url, nw, docid, ..."
    )

    @field_validator("date")
    @classmethod
    def _date_agrees_with_id(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        transcript_id = info.data.get("id")
        if transcript_id is not None and transcript_id[:10] != value.isoformat():
            raise ValueError(
                f"{value.isoformat()} does not agree with the id {transcript_id!r}; "
                "the id must begin with the date"
            )
        return value

    @field_validator("speakers")
    @classmethod
    def _transcribed_has_speakers(
        cls, value: dict[str, str], info: ValidationInfo
    ) -> dict[str, str]:
        if not value and info.data.get("status") == "transcribed":
            raise ValueError(
                "a transcribed page needs at least one speaker "
                "(id: label, e.g. bush: The President)"
            )
        return value


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


def parse_front_matter(source: str) -> tuple[dict[str, Any], int]:
    """Read the YAML block between the page's leading ``---`` lines.

    Returns the mapping (a :class:`FrontMatterMapping`, which remembers the line of every key)
    and the 1-based page line where the block's body starts. Raises :class:`FrontMatterError`
    when the block is missing or unclosed, is not valid YAML, repeats a key, or is not a mapping.
    """
    lines = source.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError([Problem("", 1, NO_FRONT_MATTER)])
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
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
        found = "nothing" if node is None else _show(data)
        message = f"the front matter must be a mapping of fields (key: value lines), got {found}"
        raise FrontMatterError([Problem("", first_line - 1, message)])
    key_lines: dict[KeyPath, int] = {(): first_line - 1}
    duplicates: list[Problem] = []
    _note_key_lines(node, (), first_line, key_lines, duplicates)
    if duplicates:
        raise FrontMatterError(duplicates)
    return FrontMatterMapping(data, key_lines), first_line


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
                field, first = _dotted(key_path), key_lines[key_path]
                message = f"field '{field}' is given twice (lines {first} and {line})"
                duplicates.append(Problem(field, line, message))
                continue
            key_lines[key_path] = line
            _note_key_lines(value_node, key_path, first_line, key_lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key_lines[(*path, index)] = first_line + item.start_mark.line
            _note_key_lines(item, (*path, index), first_line, key_lines, duplicates)


def validate(data: dict[str, Any], first_line: int) -> FrontMatter:
    """Check front matter read by :func:`parse_front_matter` against :class:`FrontMatter`.

    ``first_line`` is the page line where the YAML body starts. Raises
    :class:`FrontMatterError` listing every problem, in page order.
    """
    key_lines: dict[KeyPath, int] = {(): first_line - 1}
    if isinstance(data, FrontMatterMapping):
        key_lines = data.key_lines
    try:
        return FrontMatter.model_validate(dict(data))
    except ValidationError as exc:
        problems = [_problem(error, key_lines) for error in exc.errors()]
        raise FrontMatterError(sorted(problems, key=lambda p: p.line)) from None


def _dotted(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _line_of(path: KeyPath, key_lines: dict[KeyPath, int]) -> int:
    for end in range(len(path), -1, -1):
        if path[:end] in key_lines:
            return key_lines[path[:end]]
    return key_lines[()]


def _problem(error: ErrorDetails, key_lines: dict[KeyPath, int]) -> Problem:
    path: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    field = _dotted(path)
    return Problem(field, _line_of(path, key_lines), _message(error, path, field))


_TYPE_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
}


def _message(error: ErrorDetails, path: KeyPath, field: str) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        info = _field_info(path)
        expected = f"; expected {info.description}" if info is not None and info.description else ""
        return f"required field '{field}' is missing{expected}"
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_fields(path[:-1]))
        return f"unknown field '{field}'; the fields allowed here are: {allowed}"
    if kind == "value_error":
        return f"field '{field}': {ctx['error']}"
    if kind == "literal_error":
        options = ", ".join(re.findall(r"'([^']*)'", str(ctx["expected"])))
        return f"field '{field}': expected one of {options}, got {_show(value)}"
    if kind == "string_too_short":
        return f"field '{field}': must not be empty text"
    if kind == "greater_than_equal":
        return f"field '{field}': expected a number of {ctx['ge']} or more, got {_show(value)}"
    if kind in _TYPE_EXPECTED:
        return f"field '{field}': expected {_TYPE_EXPECTED[kind]}, got {_show(value)}"
    return f"field '{field}': {error['msg']}, got {_show(value)}"


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    model: type[BaseModel] | None = FrontMatter
    for part in path:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _field_info(path: KeyPath) -> FieldInfo | None:
    model = _model_at(path[:-1])
    if model is None or not path or not isinstance(path[-1], str):
        return None
    return model.model_fields.get(path[-1])


def _allowed_fields(path: KeyPath) -> list[str]:
    model = _model_at(path)
    return list(model.model_fields) if model is not None else []
