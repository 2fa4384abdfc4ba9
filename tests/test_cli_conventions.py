"""Everyday command-line conventions: --version, -v/-q, completion, settings from file, secrets and environment."""

from __future__ import annotations

import json
import logging
from importlib.metadata import version
from pathlib import Path

import pytest

from charterwatch.cli import output
from charterwatch.cli.app import run
from charterwatch.errors import CharterwatchError
from charterwatch.settings import Settings, settings
from charterwatch.store.db import resolve_url
from charterwatch.web.serving import ACCESS_LOG_FORMAT, log_config
from charterwatch.web.settings import WebSettings


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(autouse=True)
def _no_operator_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test starts with no config file, no secrets directory and no CHARTERWATCH_ variables."""
    import os

    for name in [n for n in os.environ if n.startswith("CHARTERWATCH_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("CHARTERWATCH_SECRETS_DIR", str(tmp_path / "no-secrets"))
    monkeypatch.chdir(tmp_path)


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "--version")
    assert status == 0 and out.strip() == f"charterwatch {version('charterwatch')}"


def test_shell_completion_is_offered(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "--help")
    assert status == 0 and "--install-completion" in out and "--show-completion" in out


def test_quiet_leaves_errors_only_and_verbose_shows_what_is_done(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = logging.getLogger("charterwatch.test")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    try:
        assert cli(capsys, "-q", "--db", db, "versions")[0] == 0
        assert output.quiet and output.progress_bar().disable
        log.warning("a warning the user need not see")
        log.error("an error the user must see")
        err = capsys.readouterr().err
        assert "need not see" not in err and "must see" in err
        assert cli(capsys, "-v", "--db", db, "versions")[0] == 0
        log.info("now working on it")
        assert "now working on it" in capsys.readouterr().err and not output.quiet
    finally:
        run(["--db", db, "versions"])  # back to the default level for the tests that follow
        capsys.readouterr()
    log.info("not shown by default")
    assert "not shown" not in capsys.readouterr().err


def test_settings_come_from_config_file_then_secrets_then_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "charterwatch.toml"  # the working directory's config file
    config.write_text('db = "from-file.db"\nauthor = "A. Monitor"\nrate_limit = 7\npage_size = 9\n')
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "charterwatch_secret_key").write_text("a-secret-from-a-mounted-file")
    (secrets / "charterwatch_rate_limit").write_text("8")
    monkeypatch.setenv("CHARTERWATCH_SECRETS_DIR", str(secrets))
    monkeypatch.setenv("CHARTERWATCH_PAGE_SIZE", "11")
    web = WebSettings.from_env()
    assert (web.rate_limit, web.page_size, web.secret_key) == (8, 11, "a-secret-from-a-mounted-file")
    assert settings() == Settings(db="from-file.db", author="A. Monitor")
    assert resolve_url(None) == "sqlite:///from-file.db" and resolve_url("given.db") == "sqlite:///given.db"
    monkeypatch.setenv("CHARTERWATCH_DB", "from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"


def test_a_named_config_file_wins_over_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "charterwatch.toml").write_text('author = "here"\n')
    named = tmp_path / "elsewhere.toml"
    named.write_text('author = "there"\n')
    monkeypatch.setenv("CHARTERWATCH_CONFIG", str(named))
    assert settings().author == "there"


def test_a_bad_value_in_the_config_file_names_its_setting(tmp_path: Path) -> None:
    (tmp_path / "charterwatch.toml").write_text("page_size = 0\n")
    with pytest.raises(CharterwatchError) as caught:
        WebSettings.from_env()
    assert (
        caught.value.code.name == "WEB_SETTINGS_INVALID" and "CHARTERWATCH_PAGE_SIZE" in caught.value.message
    )


@pytest.mark.parametrize(
    ("content", "named", "expected"),
    [("db = \n", None, "charterwatch.toml"), ("", "missing.toml", "no file")],
)
def test_a_broken_or_missing_config_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    content: str,
    named: str | None,
    expected: str,
) -> None:
    (tmp_path / "charterwatch.toml").write_text(content)
    if named is not None:
        monkeypatch.setenv("CHARTERWATCH_CONFIG", str(tmp_path / named))
    status, _, err = cli(capsys, "versions")
    assert status == 2 and len(err.strip().splitlines()) == 1, err
    assert "SETTINGS_INVALID" in err and expected in err


def test_the_access_log_has_one_line_per_request_unless_turned_off() -> None:
    on, off = log_config(access_log=True), log_config(access_log=False)
    assert on["loggers"]["uvicorn.access"]["level"] == "INFO"
    assert off["loggers"]["uvicorn.access"]["level"] == "WARNING"
    assert on["formatters"]["access"]["fmt"] == ACCESS_LOG_FORMAT
    assert on["loggers"]["uvicorn.error"]["level"] == "WARNING"  # no start-up chatter


READ_COMMANDS = (
    ("versions",),
    ("search", "государство"),
    ("show", "KZ@x", "1"),
    ("corpus", "list"),
    ("db", "current"),
    ("user", "list"),
    ("user", "tokens"),
    ("incidents", "list"),
    ("incidents", "merges"),
    ("incidents", "organisations"),
    ("consult", "list"),
)


def test_every_read_command_prints_json_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    text = Path(__file__).resolve().parent / "fixtures" / "texts" / "kz-1995-ru-excerpt.txt"
    args = ("import", str(text), "-j", "KZ", "-v", "x", "--lang", "ru", "--date", "1995-08-30")
    imported = cli(capsys, "--db", db, *args)
    assert imported[0] == 0, imported[2]
    for command in READ_COMMANDS:
        status, out, err = cli(capsys, "--db", db, *command, "--json")
        assert status == 0, (command, err)
        parsed = json.loads(out)
        assert isinstance(parsed, list | dict), command
    assert [v["ref"] for v in json.loads(cli(capsys, "--db", db, "versions", "--json")[1])] == ["KZ@x"]
    hits = json.loads(cli(capsys, "--db", db, "search", "государство", "--json")[1])
    assert hits and all(hit["ref"] == "KZ@x" and len(hit["span"]) == 2 for hit in hits)


# commands that change the store or write files, and those that print JSON whatever is asked
WRITES_OR_FILES = {
    "corpus load", "db upgrade", "db downgrade", "demo", "export", "serve",
    "user add", "user disable", "user enable", "user token new", "user token revoke",
    "consult import", "consult dedup", "consult merge", "consult undo", "consult split", "consult groups load",
    "consult route", "consult assign", "consult review", "consult report", "consult run",
    "incidents ingest", "incidents merge", "incidents unmerge", "incidents review", "incidents report",
}  # fmt: skip
JSON_ALWAYS = {"consult show", "consult summary"}


def test_every_command_that_only_reads_takes_json() -> None:
    import typer

    from charterwatch.cli.app import app

    def leaves(group: object, path: str) -> list[tuple[str, object]]:
        children = getattr(group, "commands", None)
        if children is None:
            return [(path, group)]
        return [leaf for name, child in children.items() for leaf in leaves(child, f"{path} {name}".strip())]

    lacking = [
        path
        for path, command in leaves(typer.main.get_command(app), "")
        if "--json" not in {opt for param in command.params for opt in param.opts}  # type: ignore[attr-defined]
    ]
    assert sorted(lacking) == sorted(WRITES_OR_FILES | JSON_ALWAYS)
