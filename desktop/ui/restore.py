"""Putting back what the bookmarks panel removed (the undo steps' work). Qt-free: only
the store and the catalogue."""

from __future__ import annotations


def readd_bookmark(ctx, b) -> None:
    """Put a removed bookmark back where it was (an orphan stays an orphan: relink). If its
    collection was deleted meanwhile (the CLI), the collection comes back too."""
    if b.collection not in {c.name for c in ctx.store.collections()}:
        ctx.store.create_collection(b.collection)
    ctx.store.add_bookmark(b.measure_id, b.title, b.collection, b.position)
    if b.orphan:
        ctx.store.relink(ctx.catalogue)


def free_name(ctx, name: str) -> str:
    """`name`, or 「name（復元）」, 「name（復元2）」… if another collection took it."""
    taken = {c.name for c in ctx.store.collections()}
    candidate, n = name, 1
    while candidate in taken:
        candidate = f"{name}（復元{n if n > 1 else ''}）"
        n += 1
    return candidate


def restore_collection(ctx, name: str, marks) -> None:
    """Recreate a deleted collection with its bookmarks in their order. It comes back as
    the last collection (the store keeps no way to place it); under another name if a new
    collection took its name meanwhile, so that nothing is lost."""
    name = free_name(ctx, name)
    ctx.store.create_collection(name)
    for b in sorted(marks, key=lambda m: m.position):
        ctx.store.add_bookmark(b.measure_id, b.title, name)
    if any(b.orphan for b in marks):
        ctx.store.relink(ctx.catalogue)
