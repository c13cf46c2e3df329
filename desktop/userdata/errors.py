"""Errors of the user-data store. All are UserErrors: the CLI prints them and exits 2."""

from __future__ import annotations

from desktop.errors import UserError


class StoreError(UserError):
    """Something about the store itself; the message says what and where."""


class StoreUnavailable(StoreError):
    """The store cannot be opened (folder not writable, made by a newer version, ...)."""


class StoreWriteError(StoreError):
    """A change could not be saved (disk full, I/O error, locked too long). Nothing changed."""


class UnknownCollection(UserError):
    def __init__(self, name: str):
        super().__init__(f"コレクション「{name}」はありません (unknown collection: {name!r})")
        self.name = name


class BadBackup(UserError):
    """A backup file that is not valid; restore changes nothing."""
