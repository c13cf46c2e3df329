"""施策ナビ: the Qt-free core (catalogue, search, user data, export, CLI)."""

__version__ = "0.1.0"
APP_NAME = "shisaku"
APP_TITLE = "施策ナビ"
