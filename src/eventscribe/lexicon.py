"""Word lists read by more than one stage, each defined once.

Words are matched by their lower-cased form: the pipeline runs the tagger and parser but not
the lemmatizer (see ``nlp.EVENT_PIPES``), so verbs are listed with their inflections.
"""

from __future__ import annotations

__all__ = [
    "ANAPHORIC_EVENT_NOUNS", "CESSATION_VERBS", "CONDITIONAL_MARKS", "DENIAL_VERBS", "HABITUAL_WORDS", "INTENTION_VERBS",
    "NEW_OCCURRENCE_WORDS", "REPORT_LEMMAS", "REPORT_VERBS", "SOURCE_NOUNS", "inflections",
]

_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "seek": ("sought",),
              "mean": ("meant",), "fight": ("fought",), "vow": ("vowed",)}


def inflections(verb: str) -> set[str]:
    """A regular English verb's forms ("state" -> states, stated, stating), plus irregular pasts."""
    if " " in verb:  # "call for": inflect the verb, keep the particle
        head, rest = verb.split(" ", 1)
        return {f"{f} {rest}" for f in inflections(head)}
    stem = verb[:-1] if verb.endswith("e") else verb
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third, past = verb[:-1] + "ies", verb[:-1] + "ied"
    else:
        past = verb + "d" if verb.endswith("e") else verb + "ed"
    return {verb, third, past, stem + "ing", *_IRREGULAR.get(verb, ())}


def _forms(*verbs: str) -> frozenset[str]:
    return frozenset(f for v in verbs for f in inflections(v))


# Verbs that attribute what follows to a source ("X said", "X told reporters").
REPORT_LEMMAS = frozenset({
    "say", "tell", "add", "report", "announce", "state", "note", "stress", "claim", "confirm", "allege", "accuse",
    "insist", "explain", "write", "tweet", "post", "assert", "declare", "warn", "reveal", "maintain", "indicate",
    "emphasize", "emphasise", "acknowledge"})
REPORT_VERBS = _forms(*REPORT_LEMMAS)

# Verbs whose complement is wanted, planned or threatened, not done ("vowed to storm the city").
INTENTION_VERBS = _forms(
    "plan", "threaten", "vow", "intend", "aim", "seek", "try", "attempt", "want", "hope", "prepare", "pledge",
    "promise", "urge", "call", "call for", "push", "prepare", "discuss", "propose", "consider", "warn", "demand",
    "expect", "fear", "mean", "need", "ask", "decide", "agree", "offer", "order", "authorize", "authorise",
    "approve")

# Verbs that deny what follows ("the army denied shelling the market").
DENIAL_VERBS = _forms("deny", "reject", "dismiss", "refute", "dispute")

# Verbs that end or halt what follows ("the air forces had stopped bombing the city").
CESSATION_VERBS = _forms("stop", "halt", "cease", "suspend", "pause", "end", "quit", "abandon")

# Subordinators that make a clause hypothetical ("if the rebels attack", "even if ...").
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})

# Words that make an event a habit or a state rather than one occurrence.
HABITUAL_WORDS = frozenset({
    "regularly", "frequently", "often", "repeatedly", "routinely", "constantly", "continually", "usually",
    "sometimes", "occasionally", "weekly", "daily", "nightly", "monthly", "long-running", "habitually",
    "typically"})

# Nouns by which a report refers back to an event it has told ("the strike", "the blast").
ANAPHORIC_EVENT_NOUNS = frozenset({
    "strike", "strikes", "airstrike", "airstrikes", "raid", "raids", "attack", "attacks", "blast", "blasts",
    "explosion", "explosions", "bombing", "bombings", "shelling", "incident", "assault", "ambush", "clashes",
    "fighting", "violence", "barrage", "shooting", "protest", "protests", "demonstration", "demonstrations",
    "rally", "unrest", "operation", "massacre", "killing", "killings"})

# Words that announce a new occurrence of the same kind ("another strike", "a second blast").
NEW_OCCURRENCE_WORDS = frozenset({
    "another", "second", "third", "fourth", "separate", "separately", "other", "further", "elsewhere",
    "meanwhile", "also", "different", "new"})

# Head nouns of a phrase that can be a source of a claim ("a military source", "the observatory").
SOURCE_NOUNS = frozenset({
    "ministry", "ministries", "army", "military", "police", "spokesman", "spokeswoman", "spokesperson",
    "official", "officials", "monitor", "observatory", "agency", "source", "sources", "witness", "witnesses",
    "eyewitness", "eyewitnesses", "resident", "residents", "group", "council", "government", "authorities",
    "authority", "governor", "minister", "president", "tv", "television", "media", "network", "union",
    "organisation", "organization", "forces", "force", "command", "commander", "general", "staff",
    "department", "office", "statement", "presidency", "prosecutor", "service", "services", "channel",
    "newspaper", "outlet", "broadcaster", "crescent", "cross", "committee", "coalition", "mission", "un",
    "paramedics", "doctors", "medics", "hospital", "activists", "centre", "center", "report", "reports",
    "kremlin", "pentagon", "embassy", "mayor", "chief", "head", "leader", "militants", "rebels", "fighters",
    "movement", "front", "brigade", "brigades", "corps", "directorate", "administration", "bureau", "team",
    "villagers", "locals", "survivors", "relatives", "journalists", "reporters", "correspondent"})
