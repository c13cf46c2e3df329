"""sha256 without loading OpenSSL (decision 0007).

`import hashlib` loads `_hashlib`, which maps OpenSSL's libcrypto: 3.3 MB of the window's
resident memory, for hashing a few hundred kilobytes at start (the staleness check, the
one-app-per-user address, highlight anchors). CPython's own sha256 gives the same digests
(about 1.5 ms more for the 284 KB source); the standard library does the same for
`random`'s sha512. The frozen app already has no `_hashlib` (build.spec), so hashlib there
falls back to this same module.
"""

from __future__ import annotations

try:
    from _sha256 import sha256  # type: ignore[import-not-found]  # CPython ≤ 3.11 (no stub)
except ImportError:  # pragma: no cover - Python 3.12+ renamed it; else OpenSSL's
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[no-redef, unused-ignore]

__all__ = ["sha256"]
