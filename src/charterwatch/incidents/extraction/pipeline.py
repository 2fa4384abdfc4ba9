"""A small spaCy-style pipeline: named, versioned components that each add one layer to a shared state.

Each component is registered under a name such as ``incidents.dates.v1``; the name of the whole pipeline is
stored with every incident it made, so a finding can always be traced to the rules that produced it. A
Russian component set or a learned model registers beside the English one through the same decorator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from charterwatch.incidents.model import Incident, IncidentDate, Sanction, Source


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str


@dataclass
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    tokens: list[Token]
    generic: bool = False
    heading: bool = False
    words: list[str] = field(default_factory=list)  # lower-cased tokens, for phrase look-ups

    def __post_init__(self) -> None:
        self.words = [
            t.lower[:-2] if t.lower.endswith(("'s", "’s")) and len(t.lower) > 2 else t.lower
            for t in self.tokens
        ]


def strip_possessive(word: str) -> str:
    """ "outlet's" -> "outlet", so vocabularies match owners too (the token keeps its text)."""
    return word[:-2] if len(word) > 2 and word[-2:] in ("'s", "’s") else word


@dataclass
class DateMention:
    start: int
    end: int
    sentence: int
    date: IncidentDate | None
    backwards: bool = False  # "the week after X was detained": X happened before the anchor
    shift: tuple[str, int] | None = None  # a relative date: (unit, count) from the last event told


@dataclass
class PlaceMention:
    start: int
    end: int
    sentence: int
    name: str
    kind: str
    country: str


@dataclass
class Mention:
    """A word or name that may be a victim (or an agent): its kind decides how it may link to a trigger."""

    kind: str  # person, organisation, group, pronoun, definite, perpetrator, role
    start: int
    end: int
    sentence: int
    t0: int
    t1: int
    text: str
    role: str | None = None
    role_span: tuple[int, int] | None = None
    entity: str | None = None
    possessive: bool = False
    plural: bool = False
    modifier: bool = False  # used to describe something else ("of the X newspaper", "CITUK president")
    antecedent: Mention | None = None  # what a pronoun or "the journalist" refers to
    case: str | None = (
        None  # the grammatical case its sentence gives it, where a parse tells (pymorphy's tags)
    )


@dataclass
class Trigger:
    action: str
    start: int
    end: int
    sentence: int
    t0: int
    t1: int
    form: str  # passive, active, nominal
    victims: list[Mention] = field(default_factory=list)
    perpetrator: Mention | None = None
    sanction: Sanction | None = None
    sanction_span: tuple[int, int] | None = None
    phrase: tuple[int, int] | None = None  # the action's own words ("briefly detained outside the mosque")


@dataclass(frozen=True, slots=True)
class Morph:
    """What a morphological tagger says of one token."""

    lemma: str
    pos: str
    case: str | None = None
    verb_form: str | None = None


@dataclass(slots=True)
class Word:
    """One word of a dependency parse (Universal Dependencies relations), with its offsets in the text."""

    index: int  # in the text's word list; ``head`` is an index there too, -1 for a root
    text: str
    lemma: str
    pos: str
    rel: str
    head: int
    start: int
    end: int
    feats: dict[str, str]


@dataclass
class Draft:
    """An incident under construction, with what de-duplication needs to know about where it was told."""

    incident: Incident
    key: str
    paragraph: int
    date_source: str  # explicit, inherited (from the paragraph's last event) or fallback (the story's year)
    dated_actions: list[str] = field(default_factory=list)  # actions whose own sentence gave their date


@dataclass
class State:
    """Everything the components know about one text; ``incidents`` is the output."""

    text: str
    source: Source
    language: str
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    legal_bases: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    morph: dict[int, Morph] = field(default_factory=dict)  # by token start, for languages with a tagger
    entities: list[tuple[str, int, int, str]] = field(default_factory=list)  # (type, start, end, normal form)
    syntax: list[Word] = field(default_factory=list)  # the dependency parse, for languages parsed whole
    published_at: tuple[int, int] | None = None  # where the text prints its publication date, if it does
    published_partial: str | None = None  # a publication month or year when no day is known ("2019-05")
    drafts: list[Draft] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    pipeline_name: str = ""

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]


class Component(Protocol):
    def __call__(self, state: State) -> None: ...


@dataclass(frozen=True)
class Registered:
    name: str
    languages: frozenset[str]
    function: Component


REGISTRY: dict[str, Registered] = {}


def component(name: str, *, languages: Sequence[str] = ("*",)) -> Callable[[Component], Component]:
    """Register a component under a versioned name; raises ValueError on a second use of the same name."""

    def register(function: Component) -> Component:
        if name in REGISTRY:
            raise ValueError(f"a component named {name!r} is already registered")
        REGISTRY[name] = Registered(name, frozenset(languages), function)
        return function

    return register


DEFAULT_PIPELINES: dict[str, tuple[str, ...]] = {
    "en": (
        "incidents.sentences.v1",
        "incidents.dates.v1",
        "incidents.places.v1",
        "incidents.mentions.en.v1",
        "incidents.roles.en.v1",
        "incidents.triggers.en.v1",
        "incidents.victims.en.v1",
        "incidents.syntax.en.v1",
        "incidents.coref.v1",
        "incidents.sanctions.v1",
        "incidents.legal_basis.v1",
        "incidents.assemble.v1",
        "incidents.dedup.v1",
    ),
    "ru": (
        "incidents.sentences.v1",
        "incidents.dates.v1",
        "incidents.places.v1",
        "incidents.morph.ru.v1",
        "incidents.mentions.ru.v1",
        "incidents.triggers.ru.v1",
        "incidents.victims.ru.v1",
        "incidents.syntax.ru.v1",
        "incidents.coref.v1",
        "incidents.sanctions.v1",
        "incidents.legal_basis.v1",
        "incidents.assemble.v1",
        "incidents.dedup.v1",
    ),
}


@dataclass(frozen=True)
class Pipeline:
    """Components run in order over a :class:`State`; ``name`` is what incidents record as their extractor."""

    components: tuple[str, ...]
    language: str = "en"

    @property
    def name(self) -> str:
        return "+".join(self.components)

    def __call__(self, state: State) -> State:
        state.pipeline_name = self.name
        for name in self.components:
            get_component(name)(state)
        return state


def get_component(name: str) -> Component:
    load_components()
    try:
        return REGISTRY[name].function
    except KeyError as e:
        raise ValueError(f"no incidents component named {name!r}; known: {sorted(REGISTRY)}") from e


def default_pipeline(language: str = "en") -> Pipeline:
    """The shipped pipeline for ``language`` (English unless another one is registered)."""
    return Pipeline(DEFAULT_PIPELINES.get(language, DEFAULT_PIPELINES["en"]), language=language)


def load_components() -> None:
    """Import the modules whose decorators register the shipped components."""
    from charterwatch.incidents.extraction import (  # noqa: F401
        assemble,
        coref,
        dates,
        dedup,
        legal,
        places,
        sanctions,
        sentences,
    )
    from charterwatch.incidents.extraction.en import mentions, roles, triggers, victims  # noqa: F401
    from charterwatch.incidents.extraction.en import syntax as syntax_en  # noqa: F401
    from charterwatch.incidents.extraction.ru import syntax as syntax_ru  # noqa: F401
    from charterwatch.incidents.extraction.ru import tagger  # noqa: F401
