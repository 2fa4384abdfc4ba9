"""Page modules: each builds one pydantic context per page and registers it as HTML and JSON (``render.page``)."""
