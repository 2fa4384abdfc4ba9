"""Turns linked triggers into incidents, each field with the span of the words it came from.

One victim told with several actions in one sentence ("detained and questioned") is one incident counted
under its gravest action. Unnamed groups in sentences that tell a pattern are left out: "activists are often
detained" is a finding about a climate, not an incident.
"""

from __future__ import annotations

import hashlib

from charterwatch.incidents.extraction.context import (
    bracketed,
    country_for,
    explicit_date,
    fallback_date,
    place_for,
    year_of,
)
from charterwatch.incidents.extraction.dates import shift_date
from charterwatch.incidents.extraction.lexicon import Lexicon, lexicon
from charterwatch.incidents.extraction.pipeline import Draft, Mention, State, Trigger, component
from charterwatch.incidents.model import Evidence, Incident, IncidentDate, Precision, Victim, VictimKind
from charterwatch.lang.numbers import count_in
from charterwatch.lang.ru.names import nominative

_NOT_OF_PEOPLE = frozenset({"closure", "blocking", "inspection"})
_FORM_CONFIDENCE = {"passive": 0.8, "active": 0.8, "nominal": 0.65}


def victim_key(mention: Mention) -> str:
    return (mention.entity or mention.text).lower()


class Assembler:
    def __init__(self, state: State, lex: Lexicon) -> None:
        self.state = state
        self.lex = lex
        self.event_dates: dict[int, tuple[IncidentDate, int, int]] = {}  # paragraph -> last event date
        self.last_event: IncidentDate | None = None
        self.last_event_span: tuple[int, int] | None = None

    def evidence(self, field: str, start: int, end: int) -> Evidence:
        return Evidence(field, self.state.source.id, start, end, self.state.text[start:end])

    def trigger(self, trigger: Trigger) -> list[Draft]:
        sentence = self.state.sentences[trigger.sentence]
        drafts = []
        for mention in trigger.victims:
            victim = mention.antecedent or mention
            if victim.kind not in ("person", "organisation", "group"):
                continue
            vague = victim.kind == "group" and not victim.role and not counted_or_definite(victim.text)
            if (victim.kind == "group" and sentence.generic) or vague:
                continue  # "people were detained", "members were fined": nobody in particular
            if victim.kind == "person" and trigger.action in _NOT_OF_PEOPLE and self.state.language == "ru":
                continue  # a person is not closed or blocked ("этих граждан" told for a banned group)
            drafts.append(self._draft(trigger, mention, victim))
        return drafts

    def _date(self, trigger: Trigger) -> tuple[IncidentDate | None, tuple[int, int] | None, str]:
        state = self.state
        paragraph = state.sentences[trigger.sentence].paragraph
        mention = explicit_date(state, trigger, [d for d in state.dates if d.sentence == trigger.sentence])
        if mention is not None and mention.date is not None:
            value = mention.date
            if mention.shift and self.last_event:  # "the next day": after the last event, not the last date
                value = shift_date(self.last_event, *mention.shift)
            if not mention.backwards:
                self.event_dates[paragraph] = (value, mention.start, mention.end)
                self.last_event, self.last_event_span = value, (mention.start, mention.end)
            return value, (mention.start, mention.end), "explicit"
        if paragraph in self.event_dates:
            value, start, end = self.event_dates[paragraph]
            if self._later(trigger):  # "was later sentenced": after the event, in its month as a rule
                return month_of(value), (start, end), "inherited"
            return value, (start, end), "inherited"
        if self.last_event is not None:  # the story's latest event, at its own precision
            value = self.last_event if not self._later(trigger) else month_of(self.last_event)
            return value, self.last_event_span, "inherited"
        fallback = fallback_date(state, trigger)
        if fallback is not None and fallback.date is not None:
            value = year_of(fallback.date) if bracketed(state.text, fallback) else fallback.date
            return value, (fallback.start, fallback.end), "fallback"
        published = (state.source.published or state.published_partial or "")[:10]
        at = state.text.find(published, 0, 1_000) if published else -1
        printed = state.published_at or ((at, at + len(published)) if at >= 0 else None)
        if (
            published and printed and trigger.form != "nominal"
        ):  # news tells what just happened: cite its date
            return IncidentDate(published, _precision(published)), printed, "published"
        return None, None, "none"

    def date_only(self, trigger: Trigger) -> None:
        """Record the explicit date of an action told of nobody in particular as the story's latest event."""
        mention = explicit_date(
            self.state, trigger, [d for d in self.state.dates if d.sentence == trigger.sentence]
        )
        if mention is not None and mention.date is not None and not mention.backwards and not mention.shift:
            paragraph = self.state.sentences[trigger.sentence].paragraph
            self.event_dates[paragraph] = (mention.date, mention.start, mention.end)
            self.last_event, self.last_event_span = mention.date, (mention.start, mention.end)

    def _later(self, trigger: Trigger) -> bool:
        words = self.state.sentences[trigger.sentence].words
        return any(w in ("later", "subsequently", "eventually", "afterwards") for w in words[: trigger.t1])

    def _draft(self, trigger: Trigger, mention: Mention, victim: Mention) -> Draft:
        state, ev = self.state, self.evidence
        sentence = state.sentences[trigger.sentence]
        kind: VictimKind = (
            "group" if victim.kind == "group" else "person" if victim.kind == "person" else "organisation"
        )
        label = victim.entity if kind != "group" and victim.entity else victim.text
        if state.language == "ru":  # records cite victims in the nominative, gender and number kept
            named = _full_name(state.mentions, victim) if kind == "person" else None
            label = nominative(named.text, person=True, case=named.case) if named else nominative(label)
        role = victim.role or "other"
        role_span = victim.role_span or (victim.start, victim.end)
        if role == "other":
            role, role_span = (
                self._role_told_elsewhere(victim)
                or self._role_of_context(trigger, group=victim.kind == "group")
                or (
                    role,
                    role_span,
                )
            )
        words = sentence.words
        posting = self.lex.words("posting_words")
        post = next((k for k, w in enumerate(words) if w in posting), None)  # words are lemmas in Russian
        if role == "other" and post is not None:
            role, role_span = "social_media_user", (sentence.tokens[post].start, sentence.tokens[post].end)
        name_field = "victims[0].name" if kind != "group" else "victims[0].description"
        evidence = [ev(name_field, victim.start, victim.end), ev("victims[0].role", *role_span)]
        if mention is not victim:
            evidence.append(ev(name_field, mention.start, mention.end))
        evidence.append(ev("action", trigger.start, trigger.end))
        date, date_span, date_source = self._date(trigger)
        if date_span:
            evidence.append(ev("date", *date_span))
        place = place_for(state, trigger, state.places)
        country = country_for(trigger, state.places, place)
        if place:
            evidence.append(ev("place", place.start, place.end))
        if country:
            evidence.append(ev("country", country.start, country.end))
        if trigger.perpetrator:
            evidence.append(ev("perpetrator", trigger.perpetrator.start, trigger.perpetrator.end))
        if trigger.sanction and trigger.sanction_span:
            evidence.append(ev("sanction", *trigger.sanction_span))
        legal = state.legal_bases.get(trigger.sentence, [])
        evidence += [ev(f"legal_basis[{i}]", s, e) for i, (s, e) in enumerate(legal)]
        rights = self._rights(trigger, role, role_span)
        evidence += [ev(f"rights[{i}]", s, e) for i, (_, s, e) in enumerate(rights)]
        confidence = _FORM_CONFIDENCE[trigger.form] - (0.15 if mention is not victim else 0.0)
        confidence -= {"explicit": 0.0, "inherited": 0.05, "fallback": 0.1, "published": 0.1, "none": 0.1}[
            date_source
        ]
        incident = Incident(
            id=_incident_id(state.source.id, victim_key(victim), trigger),
            victims=[
                Victim(
                    kind=kind,
                    role=role,
                    name=label if kind != "group" else None,
                    description=label if kind == "group" else None,
                )
            ],
            action=trigger.action,
            actions=[trigger.action],
            date=date,
            place=place.name if place else None,
            country=country.country if country else None,
            sanction=trigger.sanction,
            legal_basis=[state.text[s:e] for s, e in legal],
            rights=[r for r, _, _ in rights],
            perpetrator=trigger.perpetrator.text if trigger.perpetrator else None,
            evidence=evidence,
            confidence=round(max(0.1, confidence - (0.1 if kind == "group" else 0.0)), 2),
            source_ids=[state.source.id],
            extractor=state.pipeline_name,
        )
        dated = [trigger.action] if date_source == "explicit" else []
        if sentence.heading and date_source != "explicit":
            date_source = (
                "headline"  # dated by the story, not by itself: dedup joins it to the body's telling
            )
        return Draft(incident, victim_key(victim), sentence.paragraph, date_source, dated)

    def _role_told_elsewhere(self, victim: Mention) -> tuple[str, tuple[int, int]] | None:
        """A person's role told anywhere in the story ("activist X" above, "X" here) holds for all of it."""
        if victim.kind != "person":
            return None
        words = _name_words(victim.entity or victim.text)
        for other in self.state.mentions:
            told = other.kind == "person" and other.role and other.role_span and other is not victim
            if told and other.role and other.role_span and words & _name_words(other.entity or other.text):
                return other.role, other.role_span
        return None

    def _role_of_context(
        self, trigger: Trigger, *, group: bool = False
    ) -> tuple[str, tuple[int, int]] | None:
        """A person with no role told takes the role the story's subject gives: believers at a raided prayer
        meeting, activists at a dispersed rally (``context_roles`` of the vocabulary, in order), from the
        trigger's own sentence first, then from its paragraph up to it. A vocabulary may give unnamed groups
        their own (``context_roles_groups``: "15 человек" detained at a rally are protesters)."""
        roles: dict[str, str] = self.lex.raw["context_roles"]
        if group:
            roles = {**roles, **self.lex.raw.get("context_roles_groups", {})}
        for found in self._contexts(trigger):
            for context, role in roles.items():
                if context in found:
                    return role, found[context]
        return None

    def _contexts(self, trigger: Trigger) -> list[dict[str, tuple[int, int]]]:
        """What the trigger's sentence, its paragraph up to it, and the story before it are about: the rights
        vocabulary's words (a rally, a post, a church), each with its first span."""
        here = self.state.sentences[trigger.sentence]
        before = [s for s in self.state.sentences if s.paragraph == here.paragraph and s.index < here.index]
        scopes = []
        story = [s for s in self.state.sentences if s.paragraph < here.paragraph]
        for scope in ([here], before, story):
            found: dict[str, tuple[int, int]] = {}
            for sentence in scope:
                words, tokens = sentence.words, sentence.tokens
                for i, word in enumerate(words):
                    hit = self.lex.rights.match(words, i) if word in self.lex.rights.by_first else None
                    if hit and hit[1] not in found:
                        found[hit[1]] = (tokens[i].start, tokens[i + hit[0] - 1].end)
            scopes.append(found)
        return scopes

    def _rights(self, trigger: Trigger, role: str, role_span: tuple[int, int]) -> list[tuple[str, int, int]]:
        """Rights from the role and from what the story around the action is about (a detained protester:
        assembly; a fined blogger: expression); the action's own right (liberty, privacy) only when neither
        tells."""
        found: dict[str, tuple[int, int]] = {}
        role_right = self.lex.raw["role_rights"].get(role)
        if role_right:
            found[role_right] = role_span
        for scope in self._contexts(trigger):  # the nearest scope that tells wins: sentence, paragraph, story
            told = {r: span for r, span in scope.items() if r != "privacy" or trigger.action == "search"}
            if told:
                for right, span in told.items():
                    found.setdefault(right, span)
                break
        if not found:
            right = self.lex.raw["action_rights"].get(trigger.action)
            if right:
                found[right] = (trigger.start, trigger.end)
        custody = self.lex.raw.get("custody_rights", {}).get(trigger.action)
        if custody:  # custody without a verdict takes liberty besides the right it punished
            found.setdefault(custody, (trigger.start, trigger.end))
        return [(right, s, e) for right, (s, e) in found.items()]


_COUNTING_WORDS = frozenset(
    [
        "the",
        "these",
        "those",
        "both",
        "some",
        "several",
        "many",
        "dozens",
        "hundreds",
        "scores",
        "thousands",
        "at",
        "least",
        "more",
        "than",
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "up",
        "to",
        "a",
        "an",
        "other",
        "another",
        "all",
        "few",
        "еще",
        "эти",
        "все",
        "оба",
        "обе",
        "несколько",
        "многие",
        "многих",
        "ряд",
        "десятки",
        "десятков",
        "сотни",
        "сотен",
        "около",
        "более",
        "менее",
        "почти",
        "свыше",
    ]
)


def counted_or_definite(description: str) -> bool:
    """Whether a group is told as particular people: counted ("at least 20 protesters", "трое активистов"),
    or made definite ("the women"), not a bare plural that tells a kind of person ("protesters")."""
    words = description.lower().split()
    return bool(words) and (words[0] in _COUNTING_WORDS or count_in(words) is not None)


def _full_name(mentions: list[Mention], person: Mention) -> Mention:
    """A surname told alone ("Алжанова") is the full name the story told with it ("Жанбота Алжанова"), whose
    given name tells the gender and case the surname alone cannot."""
    words = person.text.split()
    if len(words) != 1:
        return person
    word = words[0].lower()
    return next(
        (
            m
            for m in mentions
            if m.kind == "person" and len(m.text.split()) > 1 and word in m.text.lower().split()
        ),
        person,
    )


def _name_words(name: str) -> set[str]:
    """The words of a name that can identify a person (not initials, not "the")."""
    return {w.lower().strip(".,") for w in name.split() if len(w.strip(".,")) > 2}


def month_of(value: IncidentDate) -> IncidentDate:
    return value if value.precision != "day" else IncidentDate(value.value[:7], "month")


HISTORY_YEARS = 25


def _history(draft: Draft, published: str) -> bool:
    """An event dated a generation before the story ("accused of anti-Soviet activity and shot in 1938") is
    its background, not an incident it reports."""
    date = draft.incident.date
    if date is None or not published.isdigit():
        return False
    return int(published) - int(date.value[:4]) > HISTORY_YEARS


def _precision(value: str) -> Precision:
    return "year" if len(value) == 4 else "month" if len(value) == 7 else "day"


def _incident_id(source_id: str, key: str, trigger: Trigger) -> str:
    raw = f"{source_id}|{key}|{trigger.action}|{trigger.start}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@component("incidents.assemble.v1")
def assemble_v1(state: State) -> None:
    assembler = Assembler(state, lexicon(state.language if state.language in ("en", "ru") else "en"))
    published = (state.source.published or "")[:4]
    for trigger in state.triggers:
        if trigger.victims:
            state.drafts += [d for d in assembler.trigger(trigger) if not _history(d, published)]
        elif state.language == "en":  # told of nobody in particular: its date still moves the story's time
            assembler.date_only(trigger)  # (not yet measured on the Russian parse's victimless triggers)
