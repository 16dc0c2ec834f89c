"""The typing head and how its probabilities combine with the rule table."""

from __future__ import annotations

import numpy as np
import pytest

from eventscribe.events.classifier import FixedClassifier, HeadClassifier, load_classifier
from eventscribe.events.detect import Detection, classify, combine


class TwoDimEmbedder:
    """Maps texts to hand-made unit vectors: 'x' along one axis, anything else along the other."""

    def encode(self, texts):
        return np.array([[1.0, 0.0] if "x" in t else [0.0, 1.0] for t in texts], dtype=np.float32)


def test_classifier_head_softmax_over_linear_scores():
    head = HeadClassifier(TwoDimEmbedder(), ["A", "NONE"], coef=np.array([[4.0, 0.0], [0.0, 4.0]]),
                          intercept=np.zeros(2))
    a, other = head.predict(["x marks", "plain"])
    assert a["A"] > 0.95 and other["NONE"] > 0.95
    assert abs(sum(a.values()) - 1.0) < 1e-6


def test_classifier_head_empty_batch():
    head = HeadClassifier(TwoDimEmbedder(), ["A"], coef=np.ones((1, 2)), intercept=np.zeros(1))
    assert head.predict([]) == []


def test_classifier_fixed_double_defaults_to_none():
    fixed = FixedClassifier({"marched": {"Peaceful protest": 0.9, "NONE": 0.1}})
    assert fixed.predict(["They marched.", "Rain fell."]) == [{"Peaceful protest": 0.9, "NONE": 0.1}, {"NONE": 1.0}]


def test_classifier_rules_only_setting_loads_nothing():
    assert load_classifier("rules") is None


def _weak(text: str) -> Detection:
    det = classify(text)
    assert det is not None and det.rule == "protest_weak", det
    return det


@pytest.mark.parametrize("probs,expected", [
    (None, "Peaceful protest"),                                  # no classifier: the rule decides
    ({"NONE": 0.95, "Peaceful protest": 0.05}, None),            # a sure NONE vetoes a weak rule
    ({"Looting/property destruction": 0.8, "NONE": 0.2}, "Looting/property destruction"),  # retyped
    ({"Arrests": 0.4, "NONE": 0.35, "Peaceful protest": 0.25}, "Peaceful protest"),        # unsure: kept
])
def test_combine_weak_rule(probs, expected):
    text = "Hundreds of traders outside the town hall demanded the removal of the new market fees."
    det = combine(_weak(text), probs, text=text)
    assert (det.sub_event_type if det else None) == expected


def test_combine_specific_rule_stands_against_the_classifier():
    text = "Warplanes bombed a market in the town on Monday, killing nine people."
    det = classify(text)
    assert det is not None and det.sub_event_type == "Air/drone strike"
    assert combine(det, {"NONE": 0.99}, text=text) is det


def test_combine_classifier_adds_an_event_rules_missed():
    text = "Fighters loyal to the commander switched sides and joined the rival movement."
    assert classify(text) is None or classify(text).rule != "classifier"
    det = combine(None, {"Change to group/activity": 0.8, "NONE": 0.2}, text=text)
    assert det is not None and det.rule == "classifier" and det.sub_event_type == "Change to group/activity"


def test_combine_never_adds_background():
    text = "The two militias have fought over the valley since 2014."
    assert combine(None, {"Armed clash": 0.99}, text=text) is None


@pytest.mark.slow
@pytest.mark.parametrize("text,label", [
    ("Police fired tear gas to break up a march by several hundred students outside parliament.", "Protest with intervention"),
    ("A drone strike hit a car on the highway, killing two commanders of the militia.", "Air/drone strike"),
    ("Heavy rain caused floods that destroyed hundreds of homes in the coastal district.", "NONE"),
])
def test_classifier_packaged_head_types_our_sentences(text, label):
    (probs,) = load_classifier("minilm").predict([text])
    assert max(probs, key=probs.get) == label, probs


@pytest.mark.slow
def test_classifier_sentence_typed_alike_whatever_its_batch():
    """A sentence's probabilities do not depend on the other sentences embedded with it
    (batch-wide int8 activation scales made them do so), so the same article is coded the
    same way in any run, worker or batch."""
    text = "Explosions were heard near the village overnight, monitors said."
    others = ["A long sentence about a protest march that went on through the whole afternoon " * 3,
              "Short one.", "Gunmen opened fire on a checkpoint."]
    clf = load_classifier("minilm")
    (alone,) = clf.predict([text])
    batched = clf.predict(others + [text])[-1]
    assert max(abs(alone[k] - batched[k]) for k in alone) < 1e-4


def test_combine_classifier_never_swaps_attack_and_armed_clash():
    """Who was attacked (read by the rule) decides between these two, as ACLED codes it; the
    classifier may still veto or retype to another kind of event."""
    text = "Gunmen shot and killed two soldiers at a checkpoint."
    det = classify(text)
    assert det is not None and det.sub_event_type == "Armed clash"
    assert combine(det, {"Attack": 0.99}, text=text) == det


def test_combine_classifier_never_swaps_who_took_the_ground():
    text = "Government troops recaptured the town from the rebels on Sunday."
    det = classify(text)
    assert det is not None and det.sub_event_type == "Government regains territory"
    assert combine(det, {"Non-state actor overtakes territory": 0.99}, text=text) == det


def test_combine_classifier_never_lowers_a_demonstration_the_rule_read():
    text = "Police fired tear gas to disperse hundreds of students who marched on parliament."
    det = classify(text)
    assert det is not None and det.sub_event_type != "Peaceful protest"
    assert combine(det, {"Peaceful protest": 0.99}, text=text) == det
