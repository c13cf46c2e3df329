"""Errors the CLI turns into a clear message and exit code 2."""


class UserError(Exception):
    """Bad input from the user: unknown id, bad file, malformed source. Exit code 2."""

    exit_code = 2


class UnknownMeasure(UserError):
    def __init__(self, measure_id: str):
        super().__init__(f"施策ID「{measure_id}」はありません (unknown measure id: {measure_id!r})")
        self.measure_id = measure_id
