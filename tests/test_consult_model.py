"""Consultation model: article numbers named in proposals, and dicts that round-trip without the contact."""

from __future__ import annotations

import datetime as dt

import pytest

from charterwatch.consult.articles import named_articles
from charterwatch.consult.model import DuplicateGroup, MergeRecord, Proposal, Review, Theme, WorkingGroup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Предлагаю изменить статью 23 и статью 24", ["23", "24"]),
        ("статьи 23, 24 и 25 Конституции", ["23", "24", "25"]),
        ("ст. 5-7 оставить как есть", ["5", "6", "7"]),
        ("пункт 2 статьи 26", ["26"]),
        ("в 23-й статье", ["23"]),
        ("статья 44-1 лишняя", ["44-1"]),
        ("Article 20 and Article 21(2)", ["20", "21"]),
        ("Articles 5–7 and 10", ["5", "6", "7", "10"]),
        ("Art. 3 must stay", ["3"]),
        ("23-бапты өзгерту керек, 24-бабында да", ["23", "24"]),
        ("я родился в 1995 году, in 2026 three articles", []),
    ],
)
def test_named_articles(text: str, expected: list[str]) -> None:
    assert named_articles(text) == expected


def test_proposal_round_trip_keeps_the_contact_private() -> None:
    proposal = Proposal(
        id="p1",
        text="Сохранить статью 26",
        language="ru",
        channel="social",
        submitter_kind="citizen",
        contact="aigul@example.kz",
        submitted_at=dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC),
        articles=["26"],
        moderation=1,
        meta={"agrees": "4"},
    )
    public = proposal.to_dict()
    assert "contact" not in public
    assert "aigul" not in repr(proposal)
    assert Proposal.from_dict(proposal.to_dict(private=True)) == proposal
    assert Proposal.from_dict(public).contact is None


def test_group_theme_working_group_and_review_round_trip() -> None:
    record = MergeRecord("merge", ("p1", "p2"), "near-duplicate, Jaccard 0.81", at=dt.datetime(2026, 1, 5))
    group = DuplicateGroup("g1", "p1", ["p1", "p2"], kind="campaign", template="I am {…}", log=[record])
    assert DuplicateGroup.from_dict(group.to_dict()) == group
    assert group.copies == 1
    theme = Theme("t1", ["land", "property", "sale"], ["p1"], method="tfidf.agglomerative.v1")
    assert Theme.from_dict(theme.to_dict()) == theme
    assert theme.to_dict()["label"] == "land, property, sale"
    wg = WorkingGroup("Rights", sections=["II"], articles=["20", "21"], members=["A. Nurova"])
    assert WorkingGroup.from_dict(wg.to_dict()) == wg
    review = Review("p1", "partly", reason="land sale kept", reviewer="A. Nurova", at=dt.datetime(2026, 2, 1))
    assert Review.from_dict(review.to_dict()) == review
    with pytest.raises(ValueError, match="unknown review status"):
        Review("p1", "maybe")  # type: ignore[arg-type]
