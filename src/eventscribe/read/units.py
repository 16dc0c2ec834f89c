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
    clauses = [c for u in kept for c in clause_units(u)]
    return [Unit(u.span, u.paragraph, i) for i, u in enumerate(clauses)]


_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def clause_units(u: Unit) -> list[Unit]:
    """A sentence that joins two reports ("Kharkiv came under attack, and Russia said it struck
    areas around Dnipro") split into its clauses: a coordinated clause with a subject, an event
    cue and a place of its own is a unit of its own. Other sentences stay whole."""
    sent = u.span
    root = sent.root
    cuts = []
    for c in root.children:
        if c.dep_ != "conj" or not is_verb(c) or not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            continue
        lo = c.left_edge.i
        while lo > sent.start and (sent.doc[lo - 1].dep_ in ("cc", "punct") or sent.doc[lo - 1].is_space):
            lo -= 1  # ", and" stays with the first clause
        cuts.append((lo, c.left_edge.i))
    if not cuts:
        return [u]
    pieces, start = [], sent.start
    for lo, first in cuts:
        pieces.append((start, lo))
        start = first
    pieces.append((start, sent.end))
    doc = sent.doc
    spans = [doc[a:b] for a, b in pieces if b > a]
    ok = all(any(e.label_ in _PLACE_ENTS for e in sp.ents) and (is_candidate(sp.text) or classify(sp.text) is not None)
             for sp in spans)
    return [Unit(sp, u.paragraph) for sp in spans] if ok and len(spans) > 1 else [u]


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
