"""Roles of named victims from the words around them, and names that only describe something else.

"human rights defender Erland Kaliev", "Zhanbolat Mamay, chief editor of ...", "bloggers X and Y", "its
director, X" (the director of an NGO is counted as an activist), "the Ratel.kz news portal". A name after
"editor of the ..." or before "president" only qualifies another word, so it can never be a victim there.
A role once given to a name holds for the rest of the text.
"""

from __future__ import annotations

from charterwatch.incidents.extraction.lexicon import Lexicon, lexicon
from charterwatch.incidents.extraction.pipeline import Mention, Sentence, State, component

ORG_ROLES = frozenset({"ngo", "trade_union", "media_outlet", "website"})
_AFTER_GAP = frozenset({",", "the", "a", "an", "former", "prominent", "well-known", "independent", "local", "senior",
                        "veteran", "young", "opposition", "chief", "leading", "noted", "jailed", "exiled"})  # fmt: skip
_LED = {
    "politician": frozenset({"party", "parliament", "faction"}),
    "trade_unionist": frozenset({"union", "unions", "confederation", "federation"}),
    "journalist": frozenset({"newspaper", "outlet", "agency", "site", "website", "channel", "media", "magazine", "portal"}),
    "activist": frozenset({"ngo", "organisation", "organization", "movement", "association", "foundation", "group",
                           "bureau", "committee", "centre", "center", "coalition", "initiative", "network"}),
}  # fmt: skip
_BEFORE_GAP = frozenset(
    {",", "the", "a", "an", "–", ":", "another", "its", "their", "(", "including", "such", "as", "and"}
)


class RoleFinder:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.leaders = lex.words("leader_words")
        self.member_role: dict[str, str] = lex.raw["member_role"]
        self.entity_roles: dict[str, tuple[str, int, int]] = {}
        self.last_org: Mention | None = None
        self.described: list[Mention] = []

    def sentence(self, sentence: Sentence, mentions: list[Mention]) -> None:
        words = sentence.words
        roles = [m for m in mentions if m.kind == "role"]
        role_tokens = {i: m.role or "" for m in roles for i in range(m.t0, m.t1)}
        role_tokens.update(
            {i: m.role or "" for m in mentions if m.kind in ("group", "definite") for i in range(m.t0, m.t1)}
        )
        names = [m for m in mentions if m.kind in ("person", "organisation")]
        self.described = [m for m in mentions if m.kind in ("role", "definite", "group")]
        previous: Mention | None = None
        for name in names:
            self._modifier(name, words, role_tokens)
            found = self._role_before(name, roles, words) or self._leader(name, mentions, sentence)
            found = (
                found or self._role_after(name, roles, words) or self._leader_after(name, mentions, sentence)
            )
            if found is None and previous is not None and previous.role and previous.role_span:
                gap = words[previous.t1 : name.t0]
                if gap and all(w in (",", "and", "(", ")") for w in gap):
                    found = (previous.role, *previous.role_span)
            if found is not None:
                name.role, name.role_span = found[0], (found[1], found[2])
            self._remember(name)
            previous = name

    def _remember(self, name: Mention) -> None:
        key = name.entity or name.text
        if name.role and name.role_span and key not in self.entity_roles:
            self.entity_roles[key] = (name.role, *name.role_span)
        elif key in self.entity_roles and not name.role_span:
            role, start, end = self.entity_roles[key]
            name.role, name.role_span = role, (start, end)
        if name.role in ORG_ROLES:
            name.kind = "organisation"
        if name.kind == "organisation":
            self.last_org = name

    def _modifier(self, name: Mention, words: list[str], role_tokens: dict[int, str]) -> None:
        k = name.t0 - 1
        while (
            k >= 0
            and name.t0 - k <= 4
            and words[k] not in ("of", "from")
            and k not in role_tokens
            and words[k].isalpha()
        ):
            k -= 1
        if k >= 1 and words[k] in ("of", "from") and (k - 1 in role_tokens or words[k - 1] in self.leaders):
            name.modifier = True
        if name.kind == "organisation" and name.t1 < len(words):
            person_role = role_tokens.get(name.t1, "ngo") not in ORG_ROLES
            if words[name.t1] in self.leaders or (person_role and not name.possessive):
                name.modifier = True  # "CITUK president", "Orda.kz editor-in-chief X"

    def _role_before(
        self, name: Mention, roles: list[Mention], words: list[str]
    ) -> tuple[str, int, int] | None:
        for role in reversed([r for r in roles if r.t1 <= name.t0]):
            gap = words[role.t1 : name.t0]
            if len(gap) <= 3 and all(w in _BEFORE_GAP or w.endswith("-based") for w in gap) and role.role:
                head = self._head_of(role, self.described, words) if role.role in ORG_ROLES else None
                return head or (role.role, role.start, role.end)
            return None
        return None

    def _head_of(self, role: Mention, roles: list[Mention], words: list[str]) -> tuple[str, int, int] | None:
        """ "the editor of the X newspaper, NAME": the person's role is the editor's, not the newspaper's."""
        for head in reversed([r for r in roles if r.t1 <= role.t0 and role.t0 - r.t1 <= 6]):
            if head.role and head.role not in ORG_ROLES and "of" in words[head.t1 : role.t0]:
                return head.role, head.start, head.end
        return None

    def _role_after(
        self, name: Mention, roles: list[Mention], words: list[str]
    ) -> tuple[str, int, int] | None:
        for role in roles:
            gap = words[name.t1 : role.t0]
            close = role.t0 >= name.t1 and len(gap) <= 4 and all(w in _AFTER_GAP for w in gap)
            if not close or not role.role or (gap and gap[0] != ","):
                continue
            if role.role in ORG_ROLES and words[role.t1 : role.t1 + 1] and words[role.t1] in self.leaders:
                return self.member_role[role.role], role.start, role.end  # "X, the outlet's director"
            if role.role != "other":
                return role.role, role.start, role.end
        return None

    def _leader_after(
        self, name: Mention, mentions: list[Mention], sentence: Sentence
    ) -> tuple[str, int, int] | None:
        """ "X, a former leader of the Alga party": the member role of the organisation after "of"."""
        words = sentence.words
        k = name.t1
        while k < len(words) and k - name.t1 < 4 and words[k] in _AFTER_GAP:
            k += 1
        if k == name.t1 or k >= len(words) or words[name.t1] != "," or words[k] not in self.leaders:
            return None
        if words[k + 1 : k + 2] != ["of"]:
            return None
        token = sentence.tokens[k]
        following = set(words[k + 2 : k + 10])
        for role, kinds in _LED.items():
            if following & kinds:
                return role, token.start, token.end
        return None

    def _leader(
        self, name: Mention, mentions: list[Mention], sentence: Sentence
    ) -> tuple[str, int, int] | None:
        """ "its director, X", "CITUK president, X": the member role of the organisation led."""
        words = sentence.words
        k = name.t0 - 1
        while k >= 0 and words[k] in (",", "the"):
            k -= 1
        if k < 1 or words[k] not in self.leaders:
            return None
        org: Mention | None = None
        if words[k - 1] in ("its", "their"):
            org = self.last_org
        else:
            org = next((m for m in mentions if m.kind == "organisation" and m.t1 == k), None)
        role = org.role if org is not None and org.role else None
        if org is not None and org.entity in self.entity_roles:
            role = self.entity_roles[org.entity][0]
        if role is None or role not in self.member_role:
            return None
        leader = sentence.tokens[k]
        return self.member_role[role], leader.start, leader.end


@component("incidents.roles.en.v1", languages=("en",))
def roles_en_v1(state: State) -> None:
    finder = RoleFinder(lexicon("en"))
    by_sentence: dict[int, list[Mention]] = {}
    for mention in state.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for sentence in state.sentences:
        finder.sentence(sentence, by_sentence.get(sentence.index, []))
