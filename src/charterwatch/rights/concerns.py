"""The concerns monitors raised, checked against what two versions actually say.

``data/concerns.yaml`` lists each concern as a claim (in charterwatch's words, with the seed articles that
raise it) and the tests that check it: a ground limiting a right, a safeguard and its details, a named
guarantee, or plain words. ``assess(rights_delta, old_audit, new_audit, old=..., new=...)`` runs every test on
both versions and judges it against what the claim expects (added, removed, kept, present):

- ``supported``: the texts show what the claim says;
- ``partly``: some of it (present in the new version but already in the old one, or only some of the rights);
- ``not_supported``: the texts show otherwise (the safeguard is still there);
- ``not_found``: the words the claim is about are in neither version (a draft's proposal that did not pass).

Each result quotes the words found in either version, with their article and span; where one side lacks them,
the counterpart passage from the delta says what that side has instead. Nothing is decided by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.audit import Audit
from charterwatch.rights.delta_grounds import grounds_by_right, key_label
from charterwatch.rights.delta_model import Passage, RightsDelta
from charterwatch.rights.guarantees import DATA_FILE, guarantee_specs, read_data
from charterwatch.rights.model import Safeguard
from charterwatch.rights.passages import VersionText, find_phrases
from charterwatch.rights.standards import load_standards
from charterwatch.texts.tree import ParsedText

Status = Literal["supported", "partly", "not_supported", "not_found"]
STATUSES: tuple[Status, ...] = ("supported", "partly", "not_supported", "not_found")
Expect = Literal["added", "removed", "kept", "present"]
_SHOWN = 3  # passages quoted per side and test


class _GroundsTest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rights: list[str]
    grounds: list[str]


class _DetailTest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    safeguard: str
    key: str
    old: str
    new: str


class ConcernTest(BaseModel):
    """One way to check a claim: exactly one of the test kinds, and what the claim expects."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    grounds: _GroundsTest | None = None
    safeguard: str | None = None
    detail: _DetailTest | None = None
    guarantee: str | None = None
    phrases: dict[str, list[str]] | None = None
    expect: Expect = "added"

    @model_validator(mode="after")
    def _one_kind(self) -> ConcernTest:
        kinds = [k for k in ("grounds", "safeguard", "detail", "guarantee", "phrases") if getattr(self, k)]
        if len(kinds) != 1:
            raise ValueError(
                f"a test has exactly one of grounds, safeguard, detail, guarantee, phrases: {kinds}"
            )
        return self


class Concern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    summary: str
    seeds: list[str]
    tests: list[ConcernTest]


@dataclass(frozen=True)
class Observation:
    """One test on both versions: what was looked for, what each text says, and the judgement."""

    test: str
    status: Status
    note: str
    old: tuple[Passage, ...]
    new: tuple[Passage, ...]
    old_context: Passage | None = None  # what the old version says instead, when it lacks the words
    new_context: Passage | None = None


@dataclass(frozen=True)
class ConcernResult:
    id: str
    summary: str
    seeds: tuple[str, ...]
    sources: tuple[str, ...]  # the seeds' titles
    status: Status
    observations: tuple[Observation, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def load_concerns() -> tuple[Concern, ...]:
    """The bundled concerns, validated: unique ids, known seeds, safeguards and guarantees."""
    data = read_data()
    try:
        concerns = tuple(Concern.model_validate(c) for c in data.get("concerns", []))
    except ValidationError as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE}: {str(e).splitlines()[0]}") from e
    ids = [c.id for c in concerns]
    seeds = data.get("seeds", {})
    guarantees = {g.id for g in guarantee_specs()}
    problems = [f"duplicate concern {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for concern in concerns:
        problems += [f"{concern.id}: unknown seed {s}" for s in concern.seeds if s not in seeds]
        problems += [
            f"{concern.id}: unknown guarantee {t.guarantee}"
            for t in concern.tests
            if t.guarantee and t.guarantee not in guarantees
        ]
    if problems:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE}: {problems[0]}")
    return concerns


def seed_titles() -> dict[str, str]:
    return {str(k): str(v) for k, v in read_data().get("seeds", {}).items()}


def judge(expect: Expect, in_old: bool, in_new: bool) -> Status:
    """What one finding on both versions says about a claim expecting ``expect``."""
    if not in_old and not in_new:
        return "not_found"
    if expect == "added":
        return "supported" if not in_old else "partly" if in_new else "not_supported"
    if expect == "removed":
        return "supported" if in_old and not in_new else "not_supported"
    if expect == "kept":
        return "supported" if in_old and in_new else "partly" if in_new else "not_supported"
    return "supported" if in_new else "not_supported"  # present


def overall(statuses: list[Status]) -> Status:
    """All supported, all not found, some support (partly), or none."""
    if statuses and all(s == "supported" for s in statuses):
        return "supported"
    if all(s == "not_found" for s in statuses):
        return "not_found"
    return "partly" if any(s in ("supported", "partly") for s in statuses) else "not_supported"


@dataclass
class _Context:
    delta: RightsDelta
    old_audit: Audit
    new_audit: Audit
    old: VersionText
    new: VersionText

    def counterparts(self, subject: str, right: str | None = None) -> tuple[Passage | None, Passage | None]:
        """The delta's counterpart passages for a subject (and right), old side first."""
        for change in self.delta.changes:
            if change.subject == subject and (right is None or change.right == right):
                return (None if change.old else change.old_clause), (
                    None if change.new else change.new_clause
                )
        return None, None

    def note(self, old: tuple[Passage, ...], new: tuple[Passage, ...]) -> str:
        def side(ref: str, passages: tuple[Passage, ...]) -> str:
            places = dict.fromkeys(_where(p) for p in passages)
            return f"{ref}: " + (", ".join(places) if places else "not found")

        return f"{side(self.new.ref, new)}; {side(self.old.ref, old)}"


def assess(
    rights_delta: RightsDelta,
    old_audit: Audit,
    new_audit: Audit,
    *,
    old: ParsedText,
    new: ParsedText,
) -> tuple[ConcernResult, ...]:
    """Every bundled concern judged on the two versions the delta compares."""
    context = _Context(
        rights_delta,
        old_audit,
        new_audit,
        VersionText(rights_delta.old_ref, old),
        VersionText(rights_delta.new_ref, new),
    )
    titles = seed_titles()
    results = []
    for concern in load_concerns():
        observations = [o for test in concern.tests for o in _run(test, context)]
        results.append(
            ConcernResult(
                id=concern.id,
                summary=concern.summary,
                seeds=tuple(concern.seeds),
                sources=tuple(titles[s] for s in concern.seeds),
                status=overall([o.status for o in observations]),
                observations=tuple(observations),
            )
        )
    return tuple(results)


def _run(test: ConcernTest, context: _Context) -> list[Observation]:
    runners: dict[str, Callable[[ConcernTest, _Context], list[Observation]]] = {
        "grounds": _grounds,
        "safeguard": _safeguard,
        "detail": _detail,
        "guarantee": _guarantee,
        "phrases": _phrases,
    }
    kind = next(k for k in runners if getattr(test, k))
    return runners[kind](test, context)


def _observation(
    context: _Context,
    test: str,
    expect: Expect,
    old: list[Passage],
    new: list[Passage],
    counterparts: tuple[Passage | None, Passage | None] = (None, None),
) -> Observation:
    shown_old, shown_new = tuple(old[:_SHOWN]), tuple(new[:_SHOWN])
    return Observation(
        test=test,
        status=judge(expect, bool(old), bool(new)),
        note=context.note(tuple(old), tuple(new)),
        old=shown_old,
        new=shown_new,
        old_context=None if old else counterparts[0],
        new_context=None if new else counterparts[1],
    )


def _grounds(test: ConcernTest, context: _Context) -> list[Observation]:
    if test.grounds is None:
        return []
    standards = load_standards()
    before = grounds_by_right(context.old_audit, standards)
    after = grounds_by_right(context.new_audit, standards)
    found = []
    for right in test.grounds.rights:
        for key in test.grounds.grounds:
            old = [Passage.of(context.old.ref, f.location, f.evidence) for f in before.get((right, key), [])]
            new = [Passage.of(context.new.ref, f.location, f.evidence) for f in after.get((right, key), [])]
            name = "all rights" if right == "*" else f"ICCPR art. {right}"
            label = f"{key_label(standards, key)} as a ground limiting {name}"
            verdicts = {f.verdicts.get(right, f.verdict) for f in after.get((right, key), [])}
            if verdicts:
                label += f" (verdict: {', '.join(sorted(v.replace('_', ' ') for v in verdicts))})"
            found.append(
                _observation(context, label, test.expect, old, new, context.counterparts(key, right))
            )
    return found


def _safeguard_of(audit: Audit, safeguard_id: str) -> Safeguard | None:
    return next((s for s in audit.safeguards if s.safeguard == safeguard_id), None)


def _words(ref: str, safeguard: Safeguard | None, *, present: bool = True) -> list[Passage]:
    if (
        safeguard is None
        or safeguard.present != present
        or safeguard.location is None
        or safeguard.evidence is None
    ):
        return []
    return [Passage.of(ref, safeguard.location, safeguard.evidence)]


def _safeguard(test: ConcernTest, context: _Context) -> list[Observation]:
    if test.safeguard is None:
        return []
    before = _safeguard_of(context.old_audit, test.safeguard)
    after = _safeguard_of(context.new_audit, test.safeguard)
    either = before or after
    label = f"safeguard: {either.label if either else test.safeguard}"
    old, new = _words(context.old.ref, before), _words(context.new.ref, after)
    old_context, new_context = context.counterparts(test.safeguard)
    # words that deny the safeguard ("appointed by the President") are what that side says instead
    denied_old, denied_new = (
        _words(context.old.ref, before, present=False),
        _words(context.new.ref, after, present=False),
    )
    return [
        _observation(
            context,
            label,
            test.expect,
            old,
            new,
            (denied_old[0] if denied_old else old_context, denied_new[0] if denied_new else new_context),
        )
    ]


def _detail(test: ConcernTest, context: _Context) -> list[Observation]:
    if test.detail is None:
        return []
    spec = test.detail
    before = _safeguard_of(context.old_audit, spec.safeguard)
    after = _safeguard_of(context.new_audit, spec.safeguard)
    was = before.details.get(spec.key) if before else None
    now = after.details.get(spec.key) if after else None
    old = _words(context.old.ref, before) + _words(context.old.ref, before, present=False)
    new = _words(context.new.ref, after) + _words(context.new.ref, after, present=False)
    matches = [was == spec.old, now == spec.new]
    status: Status = (
        "supported"
        if all(matches)
        else "partly"
        if any(matches)
        else "not_found"
        if not (old or new)
        else "not_supported"
    )
    key = spec.key.replace("_", " ")
    return [
        Observation(
            test=f"{spec.safeguard.replace('_', ' ')}: {key} {spec.old} → {spec.new}",
            status=status,
            note=f"{key}: {context.old.ref} {was or '—'} → {context.new.ref} {now or '—'}",
            old=tuple(old),
            new=tuple(new),
        )
    ]


def _guarantee(test: ConcernTest, context: _Context) -> list[Observation]:
    spec = next(g for g in guarantee_specs() if g.id == test.guarantee)
    old = _in(context.old, spec.id, spec.phrases)
    new = _in(context.new, spec.id, spec.phrases)
    return [
        _observation(
            context, f"guarantee: {spec.label}", test.expect, old, new, context.counterparts(spec.id)
        )
    ]


def _phrases(test: ConcernTest, context: _Context) -> list[Observation]:
    if test.phrases is None:
        return []
    old = _in(context.old, "phrases", test.phrases)
    new = _in(context.new, "phrases", test.phrases)
    lang = context.new.parsed.lang if context.new.parsed else "en"
    wording = " / ".join(test.phrases.get(lang, []) or next(iter(test.phrases.values()), []))
    return [_observation(context, f"the words «{wording}»", test.expect, old, new)]


def _in(version: VersionText, key: str, phrases: dict[str, list[str]]) -> list[Passage]:
    if version.parsed is None:
        return []
    return find_phrases(version, key, phrases.get(version.parsed.lang, []))


def _where(passage: Passage) -> str:
    if passage.article is None:
        return "—"
    return f"art. {passage.article}" + (f"({passage.paragraph})" if passage.paragraph else "")
