"""eval incidents: every article of the folder is scored (negatives too), per language, by the README's rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charterwatch.incidents.evaluation.evaluate import article_files, evaluate_folder
from charterwatch.incidents.evaluation.scoring import same_victim, tokens

EN = (
    "https://news.example.org/taraz-blogger\n2023-05-12\n\n"
    "Police in Taraz detained blogger Nurlan Sadvakasov on 11 May over a video about the water supply.\n"
)
NEGATIVE = (
    "https://news.example.org/pardon\n2023-05-12\n\n"
    "Police in Taraz detained blogger Erlan Baimukhanov on 10 May after a post about the bus fares.\n"
)
RU = (
    "https://news.example.kz/ru/taraz\n2023-05-12\n\n"
    "Полиция Тараза задержала блогера Нурлана Садвакасова 11 мая после видео о водоснабжении.\n"
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sadvakasov", "Nurlan Sadvakasov", True),
        ("Нурлан Садвакасов", "Nurlan Sadvakasov", True),
        ("N. K. Sadvakasov", "N. K. Omarov", False),  # initials do not count
        ("Ли Бо", "Li Bo", False),  # nor two-letter names: the README's rule, kept as it is
        ("TULEGEN OMAROV", "Tulegen Bekov", True),  # one shared token is enough for the scorer
    ],
)
def test_the_scoring_victim_rule_is_the_readmes(a: str, b: str, same: bool) -> None:
    assert same_victim(a, b) is same
    assert all(len(token) >= 3 for token in tokens(a))


def _folder(tmp_path: Path, gold: list[dict[str, object]]) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "001.txt").write_text(EN, encoding="utf-8")
    (folder / "002.txt").write_text(NEGATIVE, encoding="utf-8")
    (folder / "003.txt").write_text(RU, encoding="utf-8")
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold) + "\n")
    (folder / "INDEX.md").write_text("| file | address |\n", encoding="utf-8")
    return folder


def test_every_article_is_scored_and_the_gold_is_not_an_article(tmp_path: Path) -> None:
    gold = [
        {"doc": "001.txt", "victim": "Nurlan Sadvakasov", "action": "detention", "date": "2023-05-11"},
        {"doc": "003.txt", "victim": "Нурлан Садвакасов", "action": "detention", "date": "2023-05-11"},
    ]
    folder = _folder(tmp_path, gold)
    assert [p.name for p in article_files(folder)] == ["001.txt", "002.txt", "003.txt"]
    result = evaluate_folder(folder / "gold.jsonl", folder)
    assert result.errors == []
    alarms = [(doc, i.victims[0].label) for doc, i in result.score.false_alarms]
    assert ("002.txt", "Erlan Baimukhanov") in alarms  # a text the gold never names still counts
    assert result.score.precision < 1.0
    assert set(result.by_language) == {"en", "ru"}
    english = result.by_language["en"]
    assert (english.gold, len(english.matched)) == (
        1,
        1,
    )  # the date comes from the header, as ingest reads it
    assert result.by_language["ru"].gold == 1
    figures = result.to_dict()["by_language"]["en"]
    assert figures["gold"] == 1 and figures["extracted"] == english.extracted


def test_a_file_the_gold_names_but_the_folder_lacks_is_an_error_and_a_miss(tmp_path: Path) -> None:
    gold = [{"doc": "009.txt", "victim": "Nurlan Sadvakasov", "action": "detention", "date": None}]
    folder = _folder(tmp_path, gold)
    result = evaluate_folder(folder / "gold.jsonl", folder)
    assert len(result.errors) == 1 and "FILE_NOT_FOUND" in result.errors[0]
    assert result.score.recall == 0.0 and result.score.gold == 1
