"""A user-data writer process for crash, disk-full and concurrency tests.

    python -m tests.userdata.writer DATA_DIR PREFIX START COUNT [FSIZE_LIMIT]

Prints "ack N" only after write N is committed, so the parent knows which writes the store
has acknowledged. Write N is, by N % 4: a new note, an update of the shared note, a new
bookmark, an edit of the note written 3 steps earlier (which goes to its history).
"""

from __future__ import annotations

import sys

from desktop.userdata import StoreError, UserStore


def write(store: UserStore, prefix: str, i: int) -> None:
    kind = i % 4
    if kind == 0:
        store.set_note(f"{prefix}n{i}", "t", f"text {i} " + "あ" * (i % 200))
    elif kind == 1:
        store.set_note(f"{prefix}shared", "t", str(i))
    elif kind == 2:
        store.add_bookmark(f"{prefix}b{i}", "t")
    else:
        store.set_note(f"{prefix}n{i - 3}", "t", f"edited {i - 3}")


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
