"""One incident per victim x action x date: merging what a document (or several sources) tells more than once.

The same victim (names.py's rule, never one shared word) with the same action on compatible dates (equal at
the coarser precision, or one of them unknown) is one incident; its evidence keeps every telling and every
source. Different actions stay apart even on one day (detained, then fined the same evening: two incidents,
as the gold counts them), and so do a dated arrest and a later sentence, and two undated events of one
person. An unnamed group ("three people") whose named members have their own incidents next to it is not
counted twice. An incident whose date is only the story's year joins the dated one of the same victim and
action in the same paragraph.
"""

from __future__ import annotations

from charterwatch.incidents.extraction.lexicon import Lexicon, lexicon
from charterwatch.incidents.extraction.names import same_victim
from charterwatch.incidents.extraction.pipeline import Draft, State, component
from charterwatch.incidents.model import Evidence, Incident, IncidentDate
from charterwatch.lang.numbers import count_in


def compatible(a: IncidentDate | None, b: IncidentDate | None) -> bool:
    """Whether two dates can be one event's: equal at the coarser precision, or one of them unknown."""
    if a is None or b is None:
        return True
    size = min(len(a.value), len(b.value))
    return a.value[:size] == b.value[:size]


def pick_date(a: IncidentDate | None, b: IncidentDate | None) -> IncidentDate | None:
    """The more precise of two compatible dates, or the earlier of two days."""
    if a is None or b is None:
        return a or b
    if len(a.value) != len(b.value):
        return a if len(a.value) > len(b.value) else b
    return min(a, b, key=lambda d: d.value)


# "detained" and "arrested" told of one person on one day are one custody, whichever word each sentence uses
CUSTODY = frozenset({"detention", "arrest"})
# "found guilty and sentenced" and "sentenced to 15 days" told of one person on one day: one court decision
VERDICT = frozenset({"sentence", "administrative_arrest"})


def related(a: Incident, b: Incident) -> bool:
    """The same action on compatible dates: one event, whoever the victim (callers check that)."""
    return bool(set(a.actions) & set(b.actions)) and compatible(a.date, b.date)


def one_custody(a: Incident, b: Incident) -> bool:
    """A detention and an arrest, or a verdict and an arrest term, of one victim on the same day (both dated
    to the day): one event."""
    if a.date is None or b.date is None or "day" not in (a.date.precision, b.date.precision):
        return False
    if set(a.actions) & VERDICT and set(b.actions) & VERDICT:  # "later sentenced to 15 days" (a month)
        return compatible(a.date, b.date) and "year" not in (a.date.precision, b.date.precision)
    return bool(set(a.actions) & CUSTODY and set(b.actions) & CUSTODY) and a.date == b.date


def gravest(actions: list[str], lex: Lexicon) -> str:
    return min(actions, key=lambda a: lex.severity.get(a, len(lex.severity)))


def merge(target: Incident, other: Incident, lex: Lexicon) -> None:
    """Fold ``other`` into ``target``: union of actions, evidence and sources; list fields re-indexed."""
    chosen = pick_date(target.date, other.date)
    if chosen is not target.date and chosen == other.date:  # the other telling's date: its evidence with it
        evidence = [e for e in target.evidence if e.field != "date"]
        evidence += other.evidence_for("date")
    else:  # kept in place, so that a merge only appends (the merge log's delta stays small)
        evidence = list(target.evidence)
    target.date = chosen
    for action in other.actions:
        if action not in target.actions:
            target.actions.append(action)
    target.action = gravest(target.actions, lex)
    evidence += [
        e for e in other.evidence if e.field in ("action", "victims[0].name", "victims[0].description")
    ]
    if target.victims[0].role == "other" and other.victims[0].role != "other":
        target.victims = list(other.victims)
        # a victim's name private in the other telling stays private here
        hidden = [p for p in other.private_fields if p.startswith("victims[")]
        target.private_fields = list(dict.fromkeys([*target.private_fields, *hidden]))
        evidence = [e for e in evidence if e.field != "victims[0].role"]
        evidence += other.evidence_for("victims[0].role")
    for name in ("place", "country", "perpetrator", "sanction"):
        if getattr(target, name) is None and getattr(other, name) is not None:
            setattr(target, name, getattr(other, name))
            evidence += other.evidence_for(name)
    for name in ("legal_basis", "rights"):
        values: list[str] = getattr(target, name)
        for i, value in enumerate(getattr(other, name)):
            if value not in values:
                values.append(value)
            index = values.index(value)
            evidence += [_renamed(e, f"{name}[{index}]") for e in other.evidence_for(f"{name}[{i}]")]
    target.evidence = list(dict.fromkeys(evidence))
    target.source_ids += [s for s in other.source_ids if s not in target.source_ids]
    bonus = 0.05 if set(other.source_ids) - set(target.source_ids) else 0.0
    target.confidence = round(min(0.95, max(target.confidence, other.confidence) + bonus), 2)


def _renamed(evidence: Evidence, field: str) -> Evidence:
    return Evidence(field, evidence.source_id, evidence.start, evidence.end, evidence.quote)


def dedup_drafts(drafts: list[Draft], lex: Lexicon) -> list[Incident]:
    merged: list[Draft] = []
    for draft in drafts:
        home = next((m for m in merged if _same_victim(m, draft) and _joins(m, draft)), None)
        if home is None:
            merged.append(draft)
            continue
        merge(home.incident, draft.incident, lex)
        if home.date_source in ("fallback", "headline"):
            if home.date_source == "headline" and draft.incident.date is not None:
                _take_date(home.incident, draft.incident)
            home.date_source = draft.date_source
        home.dated_actions += draft.dated_actions
        if home.dated_actions:
            home.incident.action = gravest(home.dated_actions, lex)
        if set(home.incident.actions) >= VERDICT:  # a verdict of days' arrest is an administrative one
            home.incident.action = "administrative_arrest"
    kept = [d for d in merged if not _told_by_members(d, merged) and not _headline_group(d)]
    return [d.incident for d in kept]


def _headline_group(draft: Draft) -> bool:
    """A group only a headline tells ("activists harassed") is the story's theme, not an incident."""
    return draft.date_source == "headline" and draft.incident.victims[0].kind == "group"


def _take_date(headline: Incident, body: Incident) -> None:
    """The body's date for an incident first told in a headline (dated only by the publication)."""
    headline.date = body.date
    headline.evidence = [e for e in headline.evidence if e.field != "date"] + body.evidence_for("date")


def _same_victim(home: Draft, draft: Draft) -> bool:
    return home.key == draft.key or same_victim(home.incident.victims[0], draft.incident.victims[0])


def _joins(home: Draft, draft: Draft) -> bool:
    one_story = "fallback" in (home.date_source, draft.date_source) and home.paragraph == draft.paragraph
    if one_story and set(home.incident.actions) & set(draft.incident.actions):
        return True
    if "headline" in (home.date_source, draft.date_source) and _same_kind(home.incident, draft.incident):
        return True  # "Activist X detained" over the story that tells when
    if _charge_of(home, draft) or _charge_of(draft, home):
        return True
    return related(home.incident, draft.incident) or one_custody(home.incident, draft.incident)


_CHARGED_FOR = frozenset({"arrest", "sentence", "administrative_arrest"})


def _charge_of(charge: Draft, custody: Draft) -> bool:
    """ "X was arrested on 13 December ... charged under Article 206": charges told without a date of their
    own are the grounds of the arrest or sentence they sit beside, not another incident."""
    actions = set(charge.incident.actions)
    return (
        actions == {"criminal_case"}
        and charge.date_source != "explicit"
        and bool(set(custody.incident.actions) & _CHARGED_FOR)
        and compatible(charge.incident.date, custody.incident.date)
    )


def _told_by_members(group: Draft, drafts: list[Draft]) -> bool:
    """An unnamed group next to named victims of the same event ("three people ... including X")."""
    if group.incident.victims[0].kind != "group":
        return False
    size = group_size(group.incident.victims[0].label)
    named = [d for d in drafts if d.incident.victims[0].kind != "group"]
    members = [
        d for d in named if abs(d.paragraph - group.paragraph) <= 1 and related(d.incident, group.incident)
    ]
    dated = group.date_source != "fallback"
    if dated and members and (size is None or len(members) >= size):  # "three activists" next to one name
        return True
    if group.date_source == "explicit" or (size is None and group.date_source != "headline"):
        return False
    # "Two people have been arrested" in the lede, dated by the publication only, and the two named below
    told = [d for d in named if _same_kind(d.incident, group.incident)]
    first = min((d.paragraph for d in told), default=-1)
    return group.paragraph <= first and len({d.key for d in told}) >= (size or 1)


def _same_kind(a: Incident, b: Incident) -> bool:
    return bool(set(a.actions) & set(b.actions)) or bool(
        set(a.actions) & CUSTODY and set(b.actions) & CUSTODY
    )


def group_size(label: str) -> int | None:
    """How many people a group description counts ("three activists", "12 protesters", "трое активистов")."""
    return count_in(label.lower().split())


@component("incidents.dedup.v1")
def dedup_v1(state: State) -> None:
    state.incidents = dedup_drafts(state.drafts, lexicon("en"))
