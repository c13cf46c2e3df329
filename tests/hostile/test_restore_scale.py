"""#14 item 4, the store's side: restore was quadratic (orphans matched by scanning the table
for every note: 10⁵ notes took minutes, holding the write lock). Measured here in work, not
time: SQLite's virtual-machine steps for N and 4N notes (4× for linear, 16× for quadratic).
Wall-clock figures come from `shisaku bench restore` (docs/performance.md)."""

from __future__ import annotations

from desktop.userdata import UserStore
from desktop.userdata.backup import restore
from desktop.userdata.bench import synthetic_backup


def steps(tmp_path, n: int, twice: bool = False) -> int:
    data = synthetic_backup(n, annotations=True)
    count = [0]

    def tick():
        count[0] += 1
        return 0

    with UserStore.open(tmp_path / f"ud{n}") as s:
        if twice:
            restore(s, data)  # the merge path: everything is already there
        s._con.set_progress_handler(tick, 1000)
        restore(s, data)
        s._con.set_progress_handler(None, 0)
    return count[0]


def test_restore_work_grows_linearly(tmp_path):
    small, large = steps(tmp_path, 400), steps(tmp_path, 1600)
    assert large / small < 6, (small, large)


def test_merge_work_grows_linearly(tmp_path):
    small, large = steps(tmp_path, 400, True), steps(tmp_path, 1600, True)
    assert large / small < 6, (small, large)
