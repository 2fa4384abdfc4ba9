"""Where an operator's settings come from, in one order for the CLI, the store and the web app.

Lowest to highest: the field's default, the config file, the secrets directory, the environment, then what a
command line or a caller passes. One name per setting everywhere: ``secret_key`` in the config file,
``charterwatch_secret_key`` as a file in the secrets directory (Docker and Kubernetes mount secrets so),
``$CHARTERWATCH_SECRET_KEY`` in the environment. pydantic-settings reads all three, so the precedence and the
type checks are the library's, not ours.

The config file is TOML with the names at the top level: ``$CHARTERWATCH_CONFIG``, else ``./charterwatch.toml``,
else ``$XDG_CONFIG_HOME/charterwatch/config.toml`` (``~/.config/...``), whichever exists first. The secrets
directory is ``$CHARTERWATCH_SECRETS_DIR``, else ``/run/secrets`` when it exists.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import ClassVar, Final, Self

from pydantic import ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SecretsSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from charterwatch.errors import CharterwatchError, E

ENV_PREFIX: Final = "CHARTERWATCH_"
CONFIG_FILE_NAME: Final = "charterwatch.toml"


def config_file(environ: dict[str, str] | os._Environ[str] | None = None) -> Path | None:
    """The config file in use, or None when there is none (a named file that is missing is an error)."""
    env = os.environ if environ is None else environ
    named = env.get(ENV_PREFIX + "CONFIG")
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise CharterwatchError(E.SETTINGS_INVALID, name=ENV_PREFIX + "CONFIG", reason=f"no file {path}")
        return path
    home = Path(env.get("XDG_CONFIG_HOME") or Path("~/.config").expanduser())
    for candidate in (Path.cwd() / CONFIG_FILE_NAME, home / "charterwatch" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def secrets_dir(environ: dict[str, str] | os._Environ[str] | None = None) -> Path | None:
    """The directory of secret files, or None (pydantic-settings warns about a missing one, so we check)."""
    env = os.environ if environ is None else environ
    named = env.get(ENV_PREFIX + "SECRETS_DIR")
    candidate = Path(named).expanduser() if named else Path("/run/secrets")
    return candidate if candidate.is_dir() else None


class LayeredSettings(BaseSettings):
    """Base of every settings object: the config file and secrets directory under the environment."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)
    invalid: ClassVar[E] = E.SETTINGS_INVALID  # the error a bad value raises

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        secrets = secrets_dir()
        if secrets is not None:
            sources.append(SecretsSettingsSource(settings_cls, secrets_dir=secrets))
        path = config_file()
        if path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    @classmethod
    def load(cls, environ: dict[str, str] | None = None) -> Self:
        """The settings from every source (or from ``environ`` alone), or one coded error naming the bad one."""
        try:
            if environ is not None:
                names = [name for name in cls.model_fields if ENV_PREFIX + name.upper() in environ]
                return cls.model_validate({name: environ[ENV_PREFIX + name.upper()] for name in names})
            return cls()
        except ValidationError as e:
            problem = e.errors()[0]
            name = ENV_PREFIX + str(problem["loc"][0]).upper() if problem["loc"] else ENV_PREFIX
            raise CharterwatchError(cls.invalid, name=name, reason=problem["msg"]) from e
        except tomllib.TOMLDecodeError as e:
            raise CharterwatchError(cls.invalid, name=str(config_file()), reason=str(e)) from e


class Settings(LayeredSettings):
    """What the command line and the reports read: the store, and who signs what charterwatch writes."""

    db: str | None = None  # a database URL or a SQLite file; ``--db`` wins over it
    author: str | None = None  # the author of reports and opinions (DOCX properties, title pages)


def settings() -> Settings:
    """The current settings (read afresh: tests and long-running servers change the environment)."""
    return Settings.load()
