"""Claim scope: who asserts each frame's event.

Reads: the article's sentence units in order, the frames among them, and the claim tracker
(who speaks for whom). Writes one :class:`~eventscribe.extract.claims.Claim` or None per frame.

A frame's claimant is, in order: the subject of the reporting verb that governs its clause
("[the ministry] said the jets struck ..."); else the sentence's attribution ("according to
X", "X said" elsewhere in it); else, for a quotation with no attribution of its own, the speaker
the neighbouring sentence names; else the claimant of the briefing the article relays, when
one source speaks in most of its attributed sentences. Otherwise the reporter states it: None.
"""

from __future__ import annotations

import collections
import re

from ..extract.claims import Claim, ClaimTracker
from ..lexicon import REPORT_VERBS as _REPORTING_FORMS
from ..read.frames import Frame
from ..read.units import Unit

__all__ = ["assign_claims", "source_ranges"]

_OPENS_QUOTE = re.compile(r"^\s*[\"“‘']")


def assign_claims(units: list[Unit], frames: dict[int, Frame], tracker: ClaimTracker) -> dict[int, Claim | None]:
    """The claim of each frame, keyed like ``frames`` (by unit index)."""
    unit_claims: list[Claim | None] = []
    frame_claims: dict[int, Claim | None] = {}
    for i, u in enumerate(units):
        own = tracker.claim_of(u.span)  # in reading order: "he said" refers to the source last named
        unit_claims.append(own)
        f = frames.get(i)
        if f is not None:
            governed = tracker.claim_by(u.span.doc[f.reported_by]) if f.reported_by is not None else None
            frame_claims[i] = governed or own
    for i, claim in list(frame_claims.items()):
        if claim is None and _OPENS_QUOTE.match(units[i].text):
            # a quoted sentence without "he said": the speaker named next door
            near = [j for j in (i + 1, i - 1) if 0 <= j < len(units) and units[j].paragraph == units[i].paragraph]
            frame_claims[i] = next((unit_claims[j] for j in near if unit_claims[j] is not None), None)
    counts = collections.Counter(c.claimant for c in unit_claims if c is not None)
    if counts:
        top, n = counts.most_common(1)[0]
        if n >= 2 and 3 * n >= 2 * sum(counts.values()):
            # a briefing relayed sentence by sentence: its unattributed events are its claims
            source = next(c for c in unit_claims if c is not None and c.claimant == top)
            for i, claim in frame_claims.items():
                if claim is None:
                    frame_claims[i] = Claim(source.claimant, -1, -1, "")
    return frame_claims


def source_ranges(units: list[Unit], frame: Frame) -> tuple[tuple[int, int], ...]:
    """Character ranges of the frame's sentence that describe sources or people rather than the
    event: the subject of a reporting verb ("a spokesman in Potsdam said"), and places people
    come from ("a boy from Bani", "nationals of X")."""
    sent = frame.unit.span
    out: list[tuple[int, int]] = []
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lower_ in _REPORTING_FORMS:
            out.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)))
        elif tok.dep_ in ("compound", "amod") and (tok.head.lower_ in _PEOPLE or tok.head.lower_ in _TITLES):
            # "UN Middle East peace envoy", "Russian Defence Ministry": a title, not a place of events
            out.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)))
        elif tok.dep_ == "prep" and tok.lower_ in ("from", "of") and tok.head.tag_ in ("NN", "NNS", "NNP", "NNPS") \
                and tok.head.lower_ in _PEOPLE:
            out.append((tok.idx, tok.right_edge.idx + len(tok.right_edge.text)))
    return tuple(out)

# titles a place name can qualify ("the Kherson governor", "the Syrian defence ministry")
_TITLES = frozenset({"ministry", "government", "governor", "president", "leader", "commander", "army", "military",
                     "police", "spokesman", "spokeswoman", "mayor", "prosecutor", "administration"})
# people described by where they come from ("militants from the North Caucasus")
_PEOPLE = frozenset({"boy", "girl", "man", "woman", "men", "women", "child", "children", "mother", "father",
                     "resident", "residents", "native", "natives", "national", "nationals", "citizen", "citizens",
                     "militants", "fighters", "mercenaries", "volunteers", "refugees", "migrants", "journalist",
                     "official", "officials", "spokesman", "spokeswoman", "delegation", "ambassador", "envoy",
                     "minister", "envoy", "people", "family", "families", "workers", "engineers", "students", "teenager"})
