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

from spacy.tokens import Span as SpacySpan

from ..nlp import doc_text, is_verb

__all__ = ["Claim", "ClaimTracker"]

VERSION = "claims-1"

REPORT_LEMMAS = {"say", "tell", "add", "report", "announce", "state", "note", "stress", "claim", "confirm",
                 "allege", "accuse", "insist", "explain", "write", "tweet", "post", "assert", "declare", "warn",
                 "reveal", "maintain", "indicate", "emphasize", "emphasise", "acknowledge"}
_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written")}


def _inflections(verb: str) -> set[str]:
    """A regular English verb's forms ("state" -> states, stated, stating), plus irregular pasts."""
    stem = verb[:-1] if verb.endswith("e") else verb
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    return {verb, third, past, stem + "ing", *_IRREGULAR.get(verb, ())}


# Reporting verbs by word form: the pipeline reads Penn tags, not lemmas (see nlp.EVENT_PIPES).
REPORT_VERBS = frozenset(form for verb in REPORT_LEMMAS for form in _inflections(verb))
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
    speakers: dict[str, str] = field(default_factory=dict)  # surname/name -> claimant
    last: Claim | None = None

    def claim_of(self, unit: SpacySpan) -> Claim | None:
        """The attribution inside ``unit`` (a sentence or paragraph), or None."""
        text = doc_text(unit.doc)[unit.start_char: unit.end_char]
        self._register_spokesmen(unit, text)
        m = _ACCORDING.search(text)
        if m:
            who = m.group("who").strip()
            s = unit.start_char + m.start("who")
            return self._remember(Claim(self._normalise(who), s, s + len(who), who))
        if not _REPORTING.search(text):
            return None  # no reporting verb: nobody is quoted (and the tokens need no look)
        for tok in unit:
            if tok.lower_ not in REPORT_VERBS or not is_verb(tok):
                continue
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj:
                continue
            phrase = unit.doc[subj[0].left_edge.i: subj[0].right_edge.i + 1]
            text = phrase.text.strip(" ,")
            if re.match(r"(?:no|none|nobody|neither)\b", text, re.I) or any(c.dep_ == "neg" for c in tok.children):
                continue  # "No group said it was behind the blast" attributes nothing
            if _PRONOUN.match(text) or _generic(text):
                # "he", "the ministry", "a ministry spokesman": the source last named
                if self.last is not None:
                    return Claim(self.last.claimant, phrase.start_char, phrase.end_char, phrase.text)
                continue  # an unnamed source with nobody named before it says nothing usable
            if text.lower() in {"it", "we", "i", "you", "this", "that", "which", "who", "they"}:
                continue
            return self._remember(Claim(self._normalise(text), phrase.start_char, phrase.end_char, phrase.text))
        return None

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
                country = (self.country_of(demonym.group(1)) if demonym else None) or self.state_country
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
