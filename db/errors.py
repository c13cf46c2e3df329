"""The one error class for bad input, shared by every layer (db/ is the lowest)."""


class UserError(Exception):
    """Bad input from the user: unknown id, bad file, malformed source. Exit code 2."""

    exit_code = 2
