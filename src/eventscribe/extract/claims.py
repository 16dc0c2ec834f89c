"""Claims: who asserts an event ("according to whom").

A paragraph's attribution is its reporting verb's subject ("X said", "X told journalists",
"X added") or an "according to X" phrase. A spokesman's words are his organisation's claim:
"the MoD's spokesman, Major General Igor Konashenkov" registers Konashenkov as speaking for
the Ministry of Defence, so a later "Konashenkov said" or "he said" is that ministry's claim.
Ministries without a nationality take the country of the article's first state actor.
Null (no claim) means the reporter states the event in their own voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from ..lexicon import REPORT_LEMMAS, REPORT_VERBS, SOURCE_NOUNS
from ..nlp import doc_text, is_verb

__all__ = ["Claim", "ClaimTracker", "REPORT_LEMMAS", "REPORT_VERBS", "source_phrase"]

VERSION = "claims-2"

# Reporting verbs by word form: the pipeline reads Penn tags, not lemmas (see nlp.EVENT_PIPES).
_REPORTING = re.compile(r"\b(?:" + "|".join(sorted(REPORT_VERBS, key=len, reverse=True)) + r")\b", re.I)

_ORGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:MoD|Ministry of Defen[cs]e|Defen[cs]e Ministry|Defen[cs]e Department|Pentagon)\b", re.I), "Ministry of Defence"),
    (re.compile(r"\b(?:Interior Ministry|Ministry of (?:the )?Interior|Home Ministry)\b", re.I), "Ministry of Interior"),
    (re.compile(r"\b(?:Foreign Ministry|Ministry of Foreign Affairs|Foreign Office|State Department)\b", re.I), "Ministry of Foreign Affairs"),
    (re.compile(r"\b(?:General Staff|Armed Forces|army|military)\b", re.I), "Military Forces"),
    (re.compile(r"\bpolice\b", re.I), "Police Forces"),
]
# "Ivan Petrov, a spokesman for the Russian Defence Ministry": the organisation follows the name
_APPOSITION_AFTER = re.compile(r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s+(?:a|the|an)\s+(?:\w+\s+)?"
                               r"(?:spokes(?:man|woman|person)|official|commander|chief|head)\s+(?:for|of|at)\s+"
                               r"(?P<org>[^,.;]{3,80})")
_APPOSITION = re.compile(r"(?:spokes(?:man|woman|person)|official|minister|commander|chief)\b,?\s+(?:(?:Major|"
                         r"Lieutenant|Brigadier|Colonel|General|Col\.|Gen\.|Maj\.|Lt\.|Captain|Admiral)\s+)*"
                         r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")
_ACCORDING = re.compile(r"\baccording to (?:a |an |the )?(?P<who>[^,.;:\"“”()]{2,80})", re.I)
# "according to X, who ...", "according to X on Tuesday": the source is X
_ACCORDING_TAIL = re.compile(r"\s+(?:who|which|that|on|in|at|as|after|when|while|and|but|published|released|issued)\b.*$", re.I)
_PRONOUN = re.compile(r"^(?:he|she|the spokesman|the spokeswoman|the spokesperson|the ministry|the officials?|"
                      r"the general|the minister|the statement)$", re.I)
_TITLES = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?:Major|Lieutenant|Brigadier|Colonel|Col\.|Gen\.|General|Maj\.|Lt\.|"
                     r"Captain|Capt\.|Minister|President|Prime Minister|Spokesman|Spokeswoman|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)+")


def _generic(phrase: str) -> bool:
    """A definite reference without a name ("a ministry spokesman", "the officials"): starts
    with an article, no capitalised word after it, and a word for a source. "Local officials"
    is a new source, not a reference back."""
    words = phrase.split()
    named = any(w[:1].isupper() for w in words[1:])
    short = len(words) <= 3  # "the head of the regional administration" is a new, described source
    return short and words[0].lower() in ("the", "a", "an") and not named and bool(re.search(r"\b(?:spokes\w+|ministry|officials?|statement|army|military|police|"
                                        r"government|authorities|source|sources|commander|agency|organi[sz]ation|group)\b",
                                        phrase, re.I))


@dataclass(frozen=True, slots=True)
class Claim:
    """A claimant and the characters (document offsets) that name them."""

    claimant: str
    start: int
    end: int
    text: str


@dataclass
class ClaimTracker:
    """Reads a document's paragraphs in order, remembering who speaks for whom.

    ``state_country`` returns the country of the article's first state actor (for bare
    "MoD"); ``country_of`` maps a demonym or name to a country.
    """

    country_of: Callable[[str], "str | None"]
    state_country: str | None = None
    home_country: str | None = None  # the article's topic country: police are its own
    speakers: dict[str, str] = field(default_factory=dict)  # surname/name -> claimant
    last: Claim | None = None

    def claim_of(self, unit: SpacySpan) -> Claim | None:
        """The attribution inside ``unit`` (a sentence or paragraph), or None."""
        text = doc_text(unit.doc)[unit.start_char: unit.end_char]
        self._register_spokesmen(unit, text)
        m = _ACCORDING.search(text)
        if m:
            claim = self._according(unit, unit.start_char + m.start())
            if claim is not None:
                return claim
            who = _ACCORDING_TAIL.sub("", m.group("who")).strip()
            s = unit.start_char + m.start("who")
            return self._remember(Claim(self._normalise(who), s, s + len(who), who))
        if not _REPORTING.search(text):
            return None  # no reporting verb: nobody is quoted (and the tokens need no look)
        for tok in unit:
            if tok.lower_ not in REPORT_VERBS or not is_verb(tok):
                continue
            claim = self.claim_by(tok)
            if claim is not None:
                return claim
        return None

    def claim_by(self, verb: Token) -> Claim | None:
        """The claim a reporting verb makes: its subject, as a source ("the army said"), or the
        source last named for a pronoun or a bare reference ("he said", "the ministry added")."""
        # a passive reporting verb's subject is what was said ("the toll was confirmed"); its
        # source is the "by" agent
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subj = agent or [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj or any(c.dep_ == "neg" for c in verb.children):
            return None
        if any(c.dep_ == "dobj" and c.lower_ in ("lives", "life", "victims") for c in verb.children):
            return None  # "strikes claimed hundreds of lives": not a claim
        head = subj[0]
        text = " ".join(t.text for t in source_phrase(head)).strip(" ,")
        if re.match(r"(?:no|none|nobody|neither)\b", text, re.I):
            return None  # "No group said it was behind the blast" attributes nothing
        phrase = source_phrase(head)
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        raw = doc_text(verb.doc)[start:end]
        indefinite = re.match(r"(?:a|an)\s", text, re.I) is not None
        if _PRONOUN.match(text) or (_generic(text) and not (indefinite and self.last is None)):
            # "he", "the ministry", "a ministry spokesman": the source last named
            if self.last is not None:
                return Claim(self.last.claimant, start, end, raw)
            return None  # an unnamed source with nobody named before it says nothing usable
        if indefinite:  # "a military source told SANA": a new source, named as the text names it
            raw = re.sub(r"^(?:a|an)\s+", "", raw, flags=re.I)
            start = end - len(raw)
        if text.lower() in {"it", "we", "i", "you", "this", "that", "which", "who", "they", "he", "she"}:
            return None
        if not _is_source(phrase):
            return None
        return self._remember(Claim(self._normalise(raw), start, end, raw))

    def _according(self, unit: SpacySpan, at: int) -> Claim | None:
        """"according to X": X's compact phrase, read from the parse."""
        tok = next((t for t in unit if t.idx == at), None)
        to = next((c for c in tok.children if c.lower_ == "to"), None) if tok is not None else None
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return None
        phrase = source_phrase(obj)
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        raw = doc_text(unit.doc)[start:end]
        return self._remember(Claim(self._normalise(raw), start, end, raw))

    def _remember(self, claim: Claim) -> Claim:
        self.last = claim
        return claim

    def _register_spokesmen(self, unit: SpacySpan, text: str) -> None:
        # "the MoD's spokesman, Major General Igor Konashenkov": the person speaks for the org.
        # The NER often misses a name behind a rank, so the apposition pattern is read directly.
        names = [(e.start_char, e.text) for e in unit.ents if e.label_ == "PERSON"]
        names += [(unit.start_char + m.start("name"), m.group("name")) for m in _APPOSITION.finditer(text)]
        for m in _APPOSITION_AFTER.finditer(text):
            org = self._org(m.group("org"))
            if org:
                self.speakers[m.group("name").split()[-1]] = org
                self.speakers[m.group("name")] = org
        for start, name in names:
            window = doc_text(unit.doc)[max(unit.start_char, start - 60): start]
            if re.search(r"spokes(?:man|woman|person)|official|minister|head of|commander|chief", window, re.I):
                org = self._org(window)
                if org:
                    self.speakers[name.split()[-1]] = org
                    self.speakers[name] = org

    def _org(self, text: str) -> str | None:
        for pattern, canonical in _ORGS:
            m = pattern.search(text)
            if m:
                demonym = re.search(r"\b([A-Z][a-z]+)(?:'s|’s)?\s+$", text[: m.start()])
                default = self.home_country if canonical == "Police Forces" else self.state_country
                country = (self.country_of(demonym.group(1)) if demonym else None) or default or self.state_country
                return f"{canonical} of {country}" if country else canonical
        return None

    def _normalise(self, who: str) -> str:
        who = re.sub(r"\s+", " ", who).strip()
        bare = _TITLES.sub("", who).strip()
        for name, org in self.speakers.items():
            if name and (bare == name or bare.endswith(" " + name) or who.endswith(name)):
                return org
        org = self._org(who)
        # the organisation speaks when it is the phrase's head ("the Nigerian army said"), or
        # its spokesman does; "the head of the military administration" is a person, not the army
        if org and (re.search(r"spokes|ministry|mod\b|department|office", who, re.I)
                    or re.search(r"(?:army|military|armed forces|general staff|police)$", who, re.I)):
            return org
        bare = re.sub(r"^(?:the|a|an)\s+", "", bare or who, flags=re.I)
        return bare


# dependents that belong to a source's name ("the Russian Defence Ministry's spokesman")
_NAME_DEPS = frozenset({"compound", "amod", "poss", "det", "nmod", "case", "nummod", "quantmod", "punct", "npadvmod"})


def source_phrase(head: Token) -> list[Token]:
    """The compact phrase that names a source: the head noun with its name-like dependents and an
    "of/for/at" phrase naming an organisation ("spokesman for the Defence Ministry"), without
    appositions and relative clauses ("Ben Dando, a seismologist at NORSAR, who ..." -> "Ben Dando")."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NAME_DEPS and not (c.dep_ == "punct" and c.text not in "-'’."):
                keep.add(c.i)
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "in") and t.i == head.i:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and (objs[0].tag_.startswith("NNP") or objs[0].lower_ in SOURCE_NOUNS):
                    keep.add(c.i)
                    sub = source_phrase(objs[0])
                    keep.update(t2.i for t2 in sub)
    lo = hi = head.i  # the contiguous run around the head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = head.doc
    toks = [doc[i] for i in range(lo, hi + 1)]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "case"):
        toks.pop()
    while len(toks) > 1 and toks[0].is_punct:
        toks.pop(0)
    return toks or [head]


def _is_source(phrase: list[Token]) -> bool:
    """A phrase that can be a claimant: it names a person or an organisation, or its words say
    it is a source ("officials", "a military source"); a fragment of a sentence cannot."""
    if len(phrase) > 10:
        return False
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC") for t in phrase):
        return True
    if any(t.lower_ in SOURCE_NOUNS for t in phrase):
        return True
    return all(t.tag_.startswith("NNP") or t.is_punct or t.dep_ == "det" for t in phrase)
