"""The interface in Russian, Kazakh and English: complete catalogues, the language switch, per-language caching."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from charterwatch import i18n
from charterwatch.i18n.messages import TRANSLATED, missing, template_messages


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_of_the_public_pages_is_translated(lang: str) -> None:
    assert len(list(template_messages())) > 80 and len(TRANSLATED) >= 10
    assert missing(lang) == []


def test_plural_forms_follow_each_language() -> None:
    token = i18n.current.set("ru")
    try:
        assert [
            i18n.ngettext("%(num)s proposal", "%(num)s proposals", n) % {"num": n} for n in (1, 3, 11)
        ] == [
            "1 предложение",
            "3 предложения",
            "11 предложений",
        ]
    finally:
        i18n.current.reset(token)


def test_the_language_comes_from_the_switch_then_the_cookie_then_the_browser() -> None:
    assert i18n.negotiate(asked=None, cookie=None, accept_language=None) == "en"
    assert i18n.negotiate(asked=None, cookie=None, accept_language="kk-KZ,ru;q=0.8") == "kk"
    assert i18n.negotiate(asked=None, cookie=None, accept_language="de-DE,ru;q=0.5") == "ru"
    assert i18n.negotiate(asked=None, cookie="kk", accept_language="ru") == "kk"
    assert i18n.negotiate(asked="en", cookie="kk", accept_language="ru") == "en"
    assert i18n.negotiate(asked="xx", cookie=None, accept_language=None) == "en"


def test_dates_and_numbers_per_locale() -> None:
    assert i18n.format_number(12345, "ru") == "12\xa0345" and i18n.format_number(12345, "en") == "12,345"
    assert (
        "дек" in i18n.format_date("2026-12-08", "ru")
        and i18n.format_date("2026-12-08", "en") == "Dec 8, 2026"
    )


def test_pages_speak_the_readers_language_and_are_cached_per_language(client: TestClient) -> None:
    english = client.get("/consult/propose")
    assert '<html lang="en">' in english.text and "Send a proposal" in english.text
    russian = client.get("/consult/propose", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert '<html lang="ru">' in russian.text and "Направить предложение" in russian.text
    assert russian.headers["content-language"] == "ru" and "Accept-Language" in russian.headers["vary"]
    kazakh = client.get("/consult", headers={"Accept-Language": "kk"})
    assert '<html lang="kk">' in kazakh.text and "Ұсыныс жіберу" in kazakh.text
    again = client.get("/consult", headers={"Accept-Language": "en"})  # a cached Kazakh page is not served
    assert '<html lang="en">' in again.text and "Ұсыныс" not in again.text


def test_the_switch_keeps_the_choice_for_the_next_pages(client: TestClient) -> None:
    switched = client.get("/consult?lang=kk")
    assert '<html lang="kk">' in switched.text and "charterwatch_lang=kk" in switched.headers["set-cookie"]
    assert '<html lang="kk">' in client.get("/consult/themes").text  # the cookie holds it
    assert 'hreflang="ru"' in switched.text and "lang=ru" in switched.text
    error = client.get("/no-such-page")
    assert error.status_code == 404 and "Басты бетке" in error.text  # error pages too
