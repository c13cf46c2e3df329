"""Errors the CLI turns into a clear message and exit code 2."""

from db.errors import UserError

__all__ = ["UnknownMeasure", "UserError"]


class UnknownMeasure(UserError):
    def __init__(self, measure_id: str):
        super().__init__(f"施策ID「{measure_id}」はありません (unknown measure id: {measure_id!r})")
        self.measure_id = measure_id
