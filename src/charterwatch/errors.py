"""The error catalogue: every user-facing error has a code, a one-line message and an exit status.

Domain code raises ``CharterwatchError(E.CODE, **details)``; the CLI and the web layer turn it into an exit
status or an HTTP status here and nowhere else, so a message reads the same from every interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class ErrorSpec:
    message: str
    exit_status: int
    http_status: int


class E(Enum):
    """Error codes. The message is a ``str.format`` template over the details given when raising."""

    # input files (exit 2: the user's input is bad)
    FILE_NOT_FOUND = ErrorSpec("file not found: {path}", 2, 404)
    FILE_EMPTY = ErrorSpec("the file is empty: {path}", 2, 422)
    FILE_TOO_LARGE = ErrorSpec(
        "the file is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit: {path}", 2, 413
    )
    FILE_BINARY = ErrorSpec("the file looks binary, not text: {path}", 2, 422)
    FILE_UNDECODABLE = ErrorSpec("cannot decode the text of {path}: {reason}", 2, 422)
    FILE_EXTENSION = ErrorSpec(
        "unknown file type {suffix!r} for {path}: use .txt, .html, .pdf, .docx or .xml (Akoma Ntoso)", 2, 415
    )
    PDF_NO_TEXT = ErrorSpec("the PDF has no text layer (a scan?); run OCR first: {path}", 2, 422)
    PDF_UNREADABLE = ErrorSpec("cannot read the PDF {path}: {reason}", 2, 422)
    DOCX_UNREADABLE = ErrorSpec("cannot read the DOCX {path}: {reason}", 2, 422)
    HTML_NO_TEXT = ErrorSpec("no main text found in the HTML {path}", 2, 422)
    AKN_INVALID = ErrorSpec("not an Akoma Ntoso document: {path}: {reason}", 2, 422)
    FILE_UNREADABLE = ErrorSpec("cannot read {path}: {reason}", 2, 422)
    JSON_INVALID = ErrorSpec("not a charterwatch JSON export: {path}: {reason}", 2, 422)
    NO_ARTICLES = ErrorSpec(
        "no article headings found in {path} (expected e.g. 'Article 5', 'Статья 5', '5-бап')", 2, 422
    )
    PARSE_TIMEOUT = ErrorSpec("parsing {path} took longer than {limit_s:.0f} s and was stopped", 2, 422)
    ARCHIVE_TOO_LARGE = ErrorSpec(
        "{path} would unpack to {size_mb:.0f} MB, over the {limit_mb:.0f} MB limit; refused unread", 2, 413
    )
    ARCHIVE_TOO_MANY_ENTRIES = ErrorSpec(
        "{path} holds {count} archive entries, over the {limit} limit; refused unread", 2, 413
    )
    ARCHIVE_RATIO = ErrorSpec(
        "entry {entry!r} of {path} is compressed {ratio:.0f} to 1, over the {limit:.0f} to 1 limit "
        "(a zip bomb?); refused unread",
        2,
        413,
    )
    PARSER_WARNINGS = ErrorSpec(
        "{parser} reported {count} problem(s) reading {path}, kept going; the first: {first}", 2, 422
    )

    # arguments (exit 2)
    BAD_DATE = ErrorSpec("not an ISO date (YYYY-MM-DD): {value!r}", 2, 422)
    BAD_STATUS = ErrorSpec(
        "unknown version status {value!r}: use draft, adopted, in_force or superseded", 2, 422
    )
    BAD_LANGUAGE = ErrorSpec("unsupported language {value!r}: use en, ru or kk", 2, 422)
    BAD_REF = ErrorSpec("not a version reference {value!r}: write JURISDICTION@VERSION, e.g. KZ@2026", 2, 422)
    BAD_FORMAT = ErrorSpec("unknown format {value!r}: use one of {choices}", 2, 422)

    # store (exit 3: the store is not as expected)
    VERSION_EXISTS = ErrorSpec("version {ref} is already in the store with different content", 3, 409)
    VERSION_NOT_FOUND = ErrorSpec("no version {ref} in the store; try 'charterwatch versions'", 3, 404)
    AMBIGUOUS_REF = ErrorSpec("{ref} matches several versions: {matches}", 3, 409)
    ARTICLE_NOT_FOUND = ErrorSpec("no article {article} in {ref}", 3, 404)
    DB_UNREACHABLE = ErrorSpec("cannot open the database {url}: {reason}", 3, 503)
    DB_NOT_MIGRATED = ErrorSpec(
        "the database {url} is not at the current schema; run 'charterwatch db upgrade'", 3, 503
    )
    BAD_QUERY = ErrorSpec("cannot search for {query!r}: {reason}", 2, 422)
    DB_BUSY = ErrorSpec("the store is busy ({reason}); nothing was saved, try again in {seconds} s", 3, 503)

    # bundled data (exit 4: the installation is broken)
    CORPUS_MISSING = ErrorSpec("bundled corpus file missing: {name}; reinstall charterwatch", 4, 500)

    # store, appended (exit 2)
    BAD_WORK = ErrorSpec(
        "cannot tell which constitution {ref} belongs to from {value!r}: give the work year, e.g. 1995",
        2,
        422,
    )

    # rights audit, appended
    STANDARDS_INVALID = ErrorSpec("bundled standards data invalid: {reason}; reinstall charterwatch", 4, 500)
    GOLD_INVALID = ErrorSpec("not a rights gold file: {path}: {reason}", 2, 422)
    UNKNOWN_RULE = ErrorSpec("no audit rule named {name!r}; known rules: {known}", 2, 422)

    # comparisons, appended
    ALIGN_GOLD_INVALID = ErrorSpec(
        'not an alignment answer file (JSON lines of {{"new", "old", "kind"}} or {{"old_removed"}}): '
        "{path}: {reason}",
        2,
        422,
    )
    CANNOT_WRITE = ErrorSpec("cannot write {path}: {reason}", 2, 500)

    # incidents, appended
    JSONL_LINE_INVALID = ErrorSpec(
        'line {line} of {path} is not a JSON object with a "text": {reason}', 2, 422
    )
    NO_FILES = ErrorSpec("no .txt, .html, .pdf or .jsonl files in the folder {path}", 2, 422)

    # consultation, appended
    CONSULT_FORMAT = ErrorSpec("unknown file type {suffix!r} for {path}: use .csv or .jsonl", 2, 415)
    CONSULT_NO_TEXT = ErrorSpec(
        "no text column in {path}: expected one of {expected}; the header has {found}", 2, 422
    )
    CONSULT_ROW_INVALID = ErrorSpec("row {row} of {path}: {reason}", 2, 422)
    CONSULT_TOO_MANY = ErrorSpec("{path} holds more than {limit} proposals: split it", 2, 413)
    CONSULT_TOO_LONG = ErrorSpec(
        "row {row} of {path} is {chars} characters long, over the {limit} limit for one proposal", 2, 413
    )
    CONSULT_TOO_MANY_COLUMNS = ErrorSpec(
        "{where} of {path} has {count} columns, over the {limit} limit for a proposals file", 2, 413
    )
    CONSULT_FIELD_TOO_LONG = ErrorSpec(
        "row {row} of {path}: the column {column!r} holds {chars} characters, over the {limit} limit", 2, 413
    )
    CONSULT_UNKNOWN_ID = ErrorSpec("no proposal {proposal_id!r} in {where}", 2, 404)
    CONSULT_FOLLOW_UNKNOWN = ErrorSpec(
        "this follow link opens no proposal: check that it was copied whole", 2, 404
    )
    CONSULT_TEXT_INVALID = ErrorSpec("the proposal text {reason}", 2, 422)
    CONSULT_FIELD_INVALID = ErrorSpec("unknown {field} {value!r}: use one of {choices}", 2, 422)
    CONSULT_DUPLICATE_ID = ErrorSpec(
        "{path} gives the id {proposal_id!r} to more than one row; give each row its own id", 2, 422
    )
    CONSULT_GROUPS_INVALID = ErrorSpec("bad working-group file {path}: {reason}", 2, 422)
    CONSULT_GROUP_NOT_FOUND = ErrorSpec(
        "no working group {name!r} in the store; try 'charterwatch consult groups list'", 3, 404
    )
    CONSULT_NO_GROUPS = ErrorSpec(
        "no working groups in the store: load them with 'charterwatch consult groups load FILE'", 3, 409
    )
    CONSULT_DUPLICATES_NOT_FOUND = ErrorSpec(
        "no duplicate group {group!r} in the store; try 'charterwatch consult duplicates'", 3, 404
    )
    CONSULT_NOTHING_TO_UNDO = ErrorSpec("duplicate group {group!r} has no merge to undo", 3, 409)
    CONSULT_EMPTY = ErrorSpec(
        "no proposals in the store: import some with 'charterwatch consult import FILE'", 3, 409
    )

    # incidents (store: exit 3; the gold file: exit 2)
    INCIDENT_NOT_FOUND = ErrorSpec("no incident {incident!r} in the store", 3, 404)
    AMBIGUOUS_INCIDENT = ErrorSpec("{incident!r} starts several incident ids; give more of it", 3, 409)
    INCIDENT_MERGED = ErrorSpec("incident {incident} was merged into {into}; unmerge it first", 3, 409)
    SOURCE_NOT_FOUND = ErrorSpec("no source {source!r} in the store", 3, 404)
    MERGE_NOT_FOUND = ErrorSpec("no merge {merge} in the store", 3, 404)
    MERGE_NOT_UNDOABLE = ErrorSpec("cannot do that merge or unmerge: {reason}", 3, 409)
    INCIDENTS_GOLD_INVALID = ErrorSpec("bad incidents gold file {path}, line {line}: {reason}", 2, 422)

    # web app and users (arguments: exit 2; the store: exit 3)
    BAD_USER_NAME = ErrorSpec(
        "not a user name {value!r}: use up to 64 letters, digits and _ . @ -, starting with a letter or digit",
        2,
        422,
    )
    BAD_ROLE = ErrorSpec("bad role {value!r}: {choices}", 2, 422)
    BAD_PASSWORD = ErrorSpec("a password must be {low} to {high} characters long", 2, 422)
    USER_EXISTS = ErrorSpec("there is already a user named {name!r}", 3, 409)
    USER_NOT_FOUND = ErrorSpec("no user named {name!r}", 3, 404)
    BAD_LOGIN = ErrorSpec("wrong user name or password", 2, 401)
    TOKEN_INVALID = ErrorSpec("the API token is unknown, revoked or expired", 2, 401)
    TOKEN_NOT_FOUND = ErrorSpec("no API token with id or prefix {key!r}", 3, 404)
    TOKEN_AMBIGUOUS = ErrorSpec("{key!r} is the prefix of {count} tokens; give the id", 3, 409)
    SIGN_IN_REQUIRED = ErrorSpec("sign in to see this page", 2, 403)
    FORBIDDEN = ErrorSpec("a {role} user may not do this", 2, 403)
    CSRF_FAILED = ErrorSpec(
        "the form is out of date or was not sent from this site; reload it and retry", 2, 403
    )
    RATE_LIMITED = ErrorSpec("too many requests; try again in {seconds} s", 2, 429)
    BODY_TOO_LARGE = ErrorSpec("the request body is over the {limit} byte limit", 2, 413)
    QUERY_TOO_LONG = ErrorSpec("the query string is over the {limit} character limit", 2, 414)
    PAGE_NOT_FOUND = ErrorSpec("no page at {path}", 2, 404)
    METHOD_NOT_ALLOWED = ErrorSpec("{path} does not answer {method}", 2, 405)
    BAD_REQUEST = ErrorSpec("bad request: {reason}", 2, 422)
    WEB_SETTINGS_INVALID = ErrorSpec("bad web setting {name}: {reason}", 2, 500)
    SETTINGS_INVALID = ErrorSpec("bad setting {name}: {reason}", 2, 500)
    PASSWORD_CHANGE_REQUIRED = ErrorSpec(
        "you signed in with a one-time password: choose your own at /account/password first", 2, 403
    )
    INTERNAL_ERROR = ErrorSpec("the server failed on this request; its log names it ref {ref}", 4, 500)

    @property
    def spec(self) -> ErrorSpec:
        value: ErrorSpec = self.value
        return value


class CharterwatchError(Exception):
    """An error meant for the user: one line, a code, and the statuses the interfaces map it to."""

    def __init__(self, code: E, **details: Any) -> None:
        self.code = code
        self.details = details
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.code.spec.message.format(**self.details)

    @property
    def exit_status(self) -> int:
        return self.code.spec.exit_status

    @property
    def http_status(self) -> int:
        return self.code.spec.http_status

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}"
