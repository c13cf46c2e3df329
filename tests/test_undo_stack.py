"""The window's undo stack (desktop/ui/undo.py, Qt-free): redo in order, forgotten by a new
step, by a step that cannot be redone, and by any write to the store after the undo."""

from __future__ import annotations

from desktop.ui.undo import UndoStack


def stack_and_log():
    log: list[str] = []
    writes = [0]

    def step(name: str, redo: bool = True):
        def undo() -> None:
            log.append(f"undo {name}")
            writes[0] += 1

        def again() -> None:
            log.append(f"redo {name}")
            writes[0] += 1

        return name, undo, (again if redo else None)

    return UndoStack(lambda: writes[0]), log, step, writes


def test_redo_goes_back_in_order_and_a_new_step_forgets_it():
    s, log, step, _ = stack_and_log()
    s.push(*step("a"))
    s.push(*step("b"))
    assert s.undo() == "b" and s.undo() == "a"
    assert s.redo_label() == "a"
    assert s.redo() == "a" and s.redo() == "b" and s.redo() is None
    assert log == ["undo b", "undo a", "redo a", "redo b"]
    s.undo()
    s.push(*step("c"))
    assert not s.can_redo() and s.label() == "c"


def test_a_write_after_the_undo_ends_redo():
    s, log, step, writes = stack_and_log()
    s.push(*step("delete"))
    s.undo()
    assert s.can_redo()
    writes[0] += 1  # e.g. a bookmark added to the restored collection
    assert not s.can_redo() and s.redo() is None and s.redo_label() == ""
    assert log == ["undo delete"]


def test_a_step_that_cannot_be_redone_ends_the_redo_chain():
    s, _log, step, _ = stack_and_log()
    s.push(*step("a"))
    s.push(*step("move", redo=False))
    s.undo()
    assert not s.can_redo()
    s.undo()
    assert s.redo() == "a" and not s.can_redo()
