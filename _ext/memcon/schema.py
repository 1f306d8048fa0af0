"""The front matter of a transcript page: its model, how it is read, and how it is checked.

Pure: nothing here imports Sphinx or docutils. The Sphinx side calls
:func:`parse_front_matter` and :func:`validate` and turns each :class:`Problem` of a
:class:`FrontMatterError` into a warning at the problem's line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

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

from .identifiers import ID_EXPECTED, SPEAKER_ID, SPEAKER_ID_EXPECTED, TRANSCRIPT_ID
from .yamlblock import (
    NO_FRONT_MATTER,
    UNCLOSED_FRONT_MATTER,
    FrontMatterError,
    FrontMatterMapping,
    KeyPath,
    Problem,
    dotted_path,
    parse_front_matter,
    show_value,
)

__all__ = [
    "NO_FRONT_MATTER",
    "UNCLOSED_FRONT_MATTER",
    "FrontMatter",
    "FrontMatterError",
    "FrontMatterMapping",
    "Problem",
    "parse_front_matter",
    "validate",
]

#: A classification marking as printed: ``(U)``, ``(S)``, ``(C)``, ``(TS)``, ``(S/NF)``; struck
#: through in the original when wrapped in ``~~`` (``~~(S)~~``, ``~~TS~~``).
MARKING = re.compile(r"~~\s*\(?(?:U|C|S|TS)(?:/[/A-Z]+)?\)?\s*~~|\((?:U|C|S|TS)(?:/[/A-Z]+)?\)")

#: A classification banner as printed, its caveats kept whole: ``SECRET//NOFORN``.
BANNER = re.compile(r"(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)(?://[A-Z][A-Z0-9 /,-]*)?")
BANNER_EXPECTED = (
    "a banner as printed: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET, "
    "with any caveats after '//' kept whole (SECRET//NOFORN)"
)
#: The reason of a classification block: sections of the executive order, ``1.5(d)``,
#: ``1.4(b), (d)``.
REASON = re.compile(r"\d\.\d+\s*(?:\([a-z]\)\s*)+(?:(?:,|and)\s*(?:\d\.\d+\s*)?(?:\([a-z]\)\s*)+)*")


def _transcript_id(value: object) -> object:
    # An unquoted id is read by YAML as a date.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()
    if not isinstance(value, str) or not TRANSCRIPT_ID.fullmatch(value):
        raise ValueError(f"expected {ID_EXPECTED}, got {show_value(value)}")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date written YYYY-MM-DD, got {show_value(value)}")


def _number_as_printed(value: object) -> object:
    # NW# and DocId numbers are kept as text; YAML reads them unquoted as integers.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not (isinstance(value, str) and value.isdigit()):
        raise ValueError(f"expected the number as printed (digits only), got {show_value(value)}")
    return value


def _speaker_id(value: str) -> str:
    if not SPEAKER_ID.fullmatch(value):
        raise ValueError(f"expected {SPEAKER_ID_EXPECTED}, got {show_value(value)}")
    return value


def _marking(value: str | None) -> str | None:
    if value is not None and not MARKING.fullmatch(value):
        raise ValueError(
            "expected a classification marking such as '(U)', '(S)' or '~~(S)~~', "
            f"got {show_value(value)}"
        )
    return value


def _banner(value: str | None) -> str | None:
    if value is not None and not BANNER.fullmatch(value):
        raise ValueError(f"expected {BANNER_EXPECTED}, got {show_value(value)}")
    return value


def _reason(value: str | None) -> str | None:
    if value is not None and not REASON.fullmatch(value):
        raise ValueError(
            "expected the reason as printed, sections of the executive order such as "
            f"1.5(d) or 1.4(b), (d), got {show_value(value)}"
        )
    return value


def _as_printed(value: object) -> object:
    # YAML reads an unquoted 2013-03-19 as a date; the block's words are kept as printed.
    if isinstance(value, dt.date):
        raise ValueError(
            "expected the date as the document prints it, in quotes "
            f'(e.g. "03/19/13"), got {show_value(value)}'
        )
    return value


def _banner_alone(value: object) -> object:
    # ``classification: CONFIDENTIAL`` is the banner alone, for a page that knows no more.
    if isinstance(value, str):
        _banner(value)
        return {"banner": value}
    if value is not None and not isinstance(value, dict):
        raise ValueError(
            f"expected {BANNER_EXPECTED}, or a mapping with banner, classified_by, reason "
            f"and declassify_on, got {show_value(value)}"
        )
    return value


def _url(value: str | None) -> str | None:
    if value is not None and not re.match(r"https?://\S+$", value):
        raise ValueError(
            f"expected an address beginning with https:// or http://, got {show_value(value)}"
        )
    return value


TranscriptId = Annotated[str, BeforeValidator(_transcript_id)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
SpeakerId = Annotated[str, AfterValidator(_speaker_id)]
Text = Annotated[str, Field(min_length=1)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParticipantEntry(_Record):
    """An entry of the front matter's participants: a person as the memorandum lists them."""

    name: Text = Field(description="the person's name, e.g. George W. Bush")
    role: Text | None = Field(
        description="the role as the memorandum gives it, e.g. The President, or null"
    )


class Participants(_Record):
    """The participants, by side."""

    united_states: tuple[ParticipantEntry, ...] = Field(
        default=(), description="a list of {name, role}"
    )
    russia: tuple[ParticipantEntry, ...] = Field(default=(), description="a list of {name, role}")


class ClassificationEntry(_Record):
    """The front matter's ``source.classification``: the banner and the classification block."""

    banner: Annotated[Text | None, AfterValidator(_banner)] = Field(
        default=None, description=BANNER_EXPECTED
    )
    classified_by: Text | None = Field(
        default=None, description='the block\'s "Classified by:", as printed'
    )
    reason: Annotated[Text | None, AfterValidator(_reason)] = Field(
        default=None, description='the block\'s "Reason:", as printed, e.g. 1.5(d)'
    )
    declassify_on: Annotated[Text | None, BeforeValidator(_as_printed)] = Field(
        default=None, description='the block\'s "Declassify on:", as printed, e.g. "03/19/13"'
    )


class Source(_Record):
    """Where the document comes from, its classification and its declassification."""

    repository: Text | None = Field(default=None, description="the archive that holds the original")
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
    control_number: Annotated[str | None, BeforeValidator(_number_as_printed)] = Field(
        default=None, description="the document's control number as printed, e.g. 2569"
    )
    classification: Annotated[ClassificationEntry | None, BeforeValidator(_banner_alone)] = Field(
        default=None,
        description="the banner alone, or a mapping with banner, classified_by, reason, "
        "declassify_on",
    )
    nw: Annotated[str | None, BeforeValidator(_number_as_printed)] = Field(
        default=None, description="the declassification case, its NW# number"
    )
    docid: Annotated[str | None, BeforeValidator(_number_as_printed)] = Field(
        default=None, description="the DocId number of the declassification stamp"
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
        description="a mapping with repository, posting, posting_date, document, url, "
        "control_number, classification, nw, docid, declassified"
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


def _line_of(path: KeyPath, key_lines: dict[KeyPath, int]) -> int:
    for end in range(len(path), -1, -1):
        if path[:end] in key_lines:
            return key_lines[path[:end]]
    return key_lines[()]


def _problem(error: ErrorDetails, key_lines: dict[KeyPath, int]) -> Problem:
    path: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    field = dotted_path(path)
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
        return f"field '{field}': expected one of {options}, got {show_value(value)}"
    if kind == "string_too_short":
        return f"field '{field}': must not be empty text"
    if kind == "greater_than_equal":
        return f"field '{field}': expected a number of {ctx['ge']} or more, got {show_value(value)}"
    if kind in _TYPE_EXPECTED:
        return f"field '{field}': expected {_TYPE_EXPECTED[kind]}, got {show_value(value)}"
    return f"field '{field}': {error['msg']}, got {show_value(value)}"


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
