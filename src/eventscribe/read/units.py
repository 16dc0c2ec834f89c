"""Sentence units: the pieces of an article that may each report an event.

Reads: a parsed spaCy ``Doc`` and its ``Article`` (the title, to skip a headline run into the
text). Writes: :class:`Unit` records (a sentence span and its paragraph index), in text order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan

from ..events.detect import classify, is_candidate
from ..nlp import doc_text, is_verb
from ..types import Article

__all__ = ["Unit", "body_units", "clause_units", "event_units", "sentence_units", "typing_candidates"]


@dataclass(frozen=True)
class Unit:
    """A sentence of the article (a spaCy span) and the paragraph it stands in."""

    span: SpacySpan
    paragraph: int
    index: int = -1  # position among the article's units

    @property
    def text(self) -> str:
        # a slice of the cached document text: ``Span.text`` rebuilds it from every token
        return doc_text(self.span.doc)[self.span.start_char: self.span.end_char]

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


def sentence_units(doc: Doc) -> list[Unit]:
    """spaCy sentences cut at paragraph breaks (blank lines) and re-joined where the parser
    split inside a sentence (after a bracket or an unfinished clause), each tagged with its
    paragraph index. Pieces without a letter (markdown rules, stray quotes) are dropped."""
    text = doc_text(doc)
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    units: list[Unit] = []
    for sent in doc.sents:
        cuts = [sent.start_char] + [b for b in breaks if sent.start_char < b < sent.end_char] + [sent.end_char]
        for lo, hi in zip(cuts, cuts[1:]):
            piece = doc.char_span(lo, hi, alignment_mode="contract")
            if piece is None or not re.search(r"[A-Za-z]", piece.text):
                continue
            first = piece.start
            while first < piece.end - 1 and (doc[first].is_space or doc[first].text in {"*", "-", "--", "---"}):
                first += 1
            piece = doc[first: piece.end]
            para = bisect.bisect_right(breaks, piece.start_char)
            if units and units[-1].paragraph == para and not re.search(r"[.!?][\"”’*)\]]*\s*$", units[-1].text):
                prev = units[-1].span
                units[-1] = Unit(doc[prev.start: piece.end], para)
            else:
                units.append(Unit(piece, para))
    return units


def body_units(doc: Doc, article: Article) -> list[Unit]:
    """The sentence units of the article's body: the headline, which repeats the lead, trimmed."""
    body = _body_start(doc_text(doc), article)
    kept = [_trim(u, body) for u in sentence_units(doc) if u.span.end_char > body + 1]
    # A summary (an event note, a snippet) tells one event a sentence; a whole report may join
    # several reports in one sentence, each with its own place.
    clauses = [c for u in kept for c in clause_units(u)] if len(kept) >= _REPORT_SENTENCES else kept
    return [Unit(u.span, u.paragraph, i) for i, u in enumerate(clauses)]


_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def clause_units(u: Unit) -> list[Unit]:
    """A sentence that joins several reports, each with its own event and place, split into its
    clauses: "Kharkiv came under attack, and Russia said it struck areas around Dnipro"; "the
    sorties killed 17 fighters in A, destroying depots in B" (a coordinated or participial
    clause with an event cue and a place of its own is a unit of its own). Other sentences stay
    whole."""
    sent = u.span
    doc = sent.doc
    heads = [t for t in sent if t.i != sent.root.i and is_verb(t) and t.dep_ in ("conj", "advcl", "pcomp")
             and t.tag_ != "VBN" and (t.dep_ != "conj" or t.tag_ == "VBG" or any(
                 g.dep_ in ("nsubj", "nsubjpass") for g in t.children))]
    pieces, start = [], sent.start
    for h in sorted(heads, key=lambda t: t.left_edge.i):
        lo = h.left_edge.i
        while lo > start and (doc[lo - 1].dep_ in ("cc", "punct", "prep") or doc[lo - 1].is_space
                              or doc[lo - 1].lower_ in ("addition", "to")):
            lo -= 1  # ", and" / "in addition to" stay with the clause before
        before = doc[start:lo]
        if lo <= start or not _reports(before) or not _reports(doc[h.left_edge.i: sent.end]):
            continue  # cut only between two clauses that each say what happened where
        pieces.append((start, lo))
        start = h.left_edge.i
    if not pieces:
        return [u]
    pieces.append((start, sent.end))
    return [Unit(doc[a:b], u.paragraph) for a, b in pieces if b > a]


_LOCATIVE = frozenset({"in", "near", "at", "around", "outside", "inside", "on", "across", "into", "of"})
_REPORT_SENTENCES = 6  # from this many sentences on, a text is read as a report, not a summary


def _reports(sp: SpacySpan) -> bool:
    """The span names an event and a place: an event cue, and a proper noun in a place's slot
    (the object of "in", "near", ... or a compound of it: "in Daraa countryside")."""
    if not (is_candidate(sp.text) or classify(sp.text) is not None):
        return False
    for t in sp:
        obj = t if t.dep_ == "pobj" else t.head if t.dep_ in ("compound", "amod") and t.head.dep_ == "pobj" else None
        if (t.tag_ == "NNP" or t.ent_type_ in _PLACE_ENTS) and obj is not None and obj.head.lower_ in _LOCATIVE:
            return True
    return False


def event_units(units: list[Unit]) -> list[Unit]:
    """Units that may report an event: a unit without a verb (a dateline, a caption, a list of
    names) reports none."""
    return [u for u in units if any(is_verb(t) for t in u.span)]


def typing_candidates(units: list[Unit], *, short: int = 4) -> list[Unit]:
    """The event units worth a classifier's look. In a short report (at most ``short`` event
    units) every one: the classifier finds events worded without any cue of the rule table
    ("a stash of rifles was found in a dam"). In a longer article only those whose typing it
    could change (an event cue is present and no specific rule settled it): embedding is the
    costly step, and most sentences of an article report no event."""
    candidates = event_units(units)
    if len(candidates) <= short:
        return candidates
    return [u for u in candidates if is_candidate(u.text)]


def _trim(u: Unit, start: int) -> Unit:
    """The unit without any part before ``start`` (a headline run into the first sentence)."""
    if u.span.start_char >= start:
        return u
    doc = u.span.doc
    i = u.span.start
    while i < u.span.end and (doc[i].idx < start or doc[i].is_space):
        i += 1
    return Unit(doc[i: u.span.end], u.paragraph)


def _body_start(text: str, article: Article) -> int:
    """Where the article's body starts: after its headline, when the headline opens the text.
    A "title" that ends like a sentence, or is all the text there is, is the body itself (a
    one-paragraph report read from a file or stdin)."""
    title = (article.title or "").strip()
    if not title or re.search(r"[.!?][\"”’]?$", title):
        return 0
    i = text.find(title, 0, 600)
    if i < 0 or not text[i + len(title):].strip():
        return 0
    return i + len(title)
