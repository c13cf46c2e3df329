"""The error classes of the build side, shared by every layer (db/ is the lowest)."""


class UserError(Exception):
    """Bad input from the user: unknown id, bad file, malformed source. Exit code 2."""

    exit_code = 2


class ParseError(ValueError):
    """The source is not what we expect; names the 1-based line and what was expected."""

    def __init__(self, line: int, expected: str, found: str = ""):
        self.line = line
        self.expected = expected
        self.found = found
        msg = f"line {line}: expected {expected}"
        if found:
            msg += f", found {found[:40]!r}"
        super().__init__(msg)
