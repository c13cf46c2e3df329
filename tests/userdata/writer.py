"""A user-data writer process for crash, disk-full and concurrency tests.

    python -m tests.userdata.writer DATA_DIR PREFIX START COUNT [FSIZE_LIMIT]

Prints "ack N" only after write N is committed, so the parent knows which writes the store
has acknowledged. Write N is, by N % KINDS: a new note, an update of the shared note, a new
bookmark, an edit of the note written 3 steps earlier (which goes to its history), a new
highlight, a tag on the measure highlighted one step earlier, an edit of the comment of the
highlight made 2 steps earlier.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from desktop.userdata import StoreError, UserStore

KINDS = 7


def measure(prefix: str, i: int) -> SimpleNamespace:
    return SimpleNamespace(
        id=f"{prefix}h{i}", title="t", body=f"本文 {i} の一文。" + "い" * (i % 50)
    )


def write(store: UserStore, prefix: str, i: int) -> None:
    kind = i % KINDS
    if kind == 0:
        store.set_note(f"{prefix}n{i}", "t", f"text {i} " + "あ" * (i % 200))
    elif kind == 1:
        store.set_note(f"{prefix}shared", "t", str(i))
    elif kind == 2:
        store.add_bookmark(f"{prefix}b{i}", "t")
    elif kind == 3:
        store.set_note(f"{prefix}n{i - 3}", "t", f"edited {i - 3}")
    elif kind == 4:
        store.add_highlight(measure(prefix, i), 0, 4, colour="green", comment=f"hl {i}")
    elif kind == 5:
        store.add_tag(f"{prefix}h{i - 1}", "t", f"{prefix}tag{i % 3}")
    else:
        m = measure(prefix, i - 2)
        found = store.highlights(m.id)
        if found:
            store.update_highlight(found[0].uid, comment=f"edited {i - 2}")
        else:  # written by a process that was killed before it got there
            store.add_highlight(m, 0, 4, comment=f"edited {i - 2}")


def main(argv: list[str]) -> int:
    data_dir, prefix, start, count = argv[0], argv[1], int(argv[2]), int(argv[3])
    store = UserStore.open(data_dir)
    print("open", flush=True)
    if len(argv) > 4:  # simulate a full disk: no file may grow past this many bytes
        import resource

        limit = int(argv[4])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    for i in range(start, start + count):
        try:
            write(store, prefix, i)
        except StoreError as e:
            print(f"error {i} {e}", flush=True)
            return 3
        print(f"ack {i}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
