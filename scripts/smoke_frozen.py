#!/usr/bin/env python3
"""Build the standalone executable and smoke-test it, on Windows, macOS and Linux.

    python scripts/smoke_frozen.py --build [--onefile]   # PyInstaller, then the smoke test
    python scripts/smoke_frozen.py [--log LOG] [BINARY]  # the smoke test of a built app

(scripts/build-exe and scripts/smoke-frozen are the old names: thin wrappers.) The mode
comes from --onefile or SHISAKU_ONEFILE=1; BINARY defaults to what build.spec makes:

    onedir   Linux, Windows   dist/施策ナビ/shisaku[.exe] + shisaku-cli[.exe]
             macOS            dist/施策ナビ.app/Contents/MacOS/shisaku + shisaku-cli
    onefile                   dist/shisaku[.exe]  (one executable for both roles)

The CLI checks run through shisaku-cli (the console program; on Windows the windowed
shisaku.exe has no console). Fails (exit 1, the reason on stderr) on:
- a "Library not found" warning (or an ERROR) in the PyInstaller log other than the known
  harmless ones in LOG_ALLOWED below;
- `--self-test` failing, through the app and through the CLI executable: the real window
  offscreen, catalogue + index + user data, a search, a measure, a note round trip, a
  second launch of the same program (`open ID`) that must hand over to the window (one app
  per user, with no Qt networking in the bundle) (on
  Windows the windowed shisaku.exe runs with no standard handles, as Explorer starts it:
  sys.stdout is None there);
- the headless commands failing: --version, tree, search, show, note set/get, bookmark and
  a PDF brief (QtGui, fonts and QPdfWriter);
- Linux only: a bundled library or plugin linking a library that is neither bundled nor a
  known system one (readelf), the window not coming up on a real X server (when xvfb-run
  is installed), and the read-only check below run as `nobody` when we are root;
- the onefile only: the app unpacked once into the user's cache folder with its marker, a
  later start (the self-test) that changes nothing there, the unpacked folder's libraries (Linux, as
  above), and a start with no writable cache folder (a temporary one, removed at exit);
- the read-only install check: a copy of the install with every write bit removed must
  pass the self-test and a note round trip, put user data in the platformdirs folder (a
  temporary home here), and be unchanged afterwards (nothing is written next to the
  executable).

Every check runs with its home, temporary and data folders under a path with Japanese and a
space (…/山田 太郎/…), as under a Japanese Windows user's profile.

Only the standard library, no bash: runs with any Python 3.11 on the three systems.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_TITLE = "施策ナビ"
IS_WIN, IS_MAC = sys.platform == "win32", sys.platform == "darwin"
IS_LINUX = sys.platform.startswith("linux")
EXE_SUFFIX = ".exe" if IS_WIN else ""

# Known harmless "Library not found" warnings, each a regex on the warning line. Keep the
# list short and say why each is harmless.
LOG_ALLOWED = [
    # The GTK3 platform theme plugin links GTK3, which is not installed on the build host.
    # build.spec drops that plugin (and everything only it pulled in) after the analysis,
    # so the missing GTK libraries are never needed.
    re.compile(
        r"could not resolve '(libgtk-3|libgdk-3)\.so\.0', dependency of "
        r"'.*platformthemes[/\\]libqgtk3\.so'"
    ),
]

# Linux: libraries a bundled binary may link without the bundle carrying them (checked on
# the DT_NEEDED entries, so the result does not depend on what the build host has):
SYSTEM_LIBS = re.compile(
    r"""^(
    # glibc: always the system's
    (libc|libm|libdl|libpthread|librt|libutil|libresolv)\.so\.\d+ | ld-linux(-x86-64|-aarch64)?\.so\.\d+
    # GPU driver front ends and libxcb: PyInstaller never bundles them (they must match the
    # system's drivers / X server)
    | lib(GL|EGL|GLX|OpenGL)\.so\.\d+ | libxcb\.so\.1
    # the CUPS print plugin uses the system's libcups; without it Qt skips the plugin and the
    # print dialog offers PDF only (DROP_SYSTEM_LIBS in build.spec)
    | libcups\.so\.2
    # D-Bus: the system's, matching its bus daemon (build.spec, DROP_SYSTEM_LIBS)
    | libdbus-1\.so\.3
)$""",
    re.VERBOSE,
)

NOTE = "煙テスト: 読み取り専用の配置から ✓"


class SmokeFailed(Exception):
    pass


def say(msg: str) -> None:
    print(f"smoke-frozen: {msg}", flush=True)


def app_version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)[1]


# --- the layout build.spec produces --------------------------------------------------------
class Install:
    """Where the executables of one build are, and the folder (or file) that is shipped."""

    def __init__(self, gui: Path):
        self.gui = gui.absolute()
        self.in_app = self.gui.parent.name == "MacOS" and self.gui.parent.parent.name == "Contents"
        self.onefile = not self.in_app and not (self.gui.parent / "_internal").is_dir()
        cli = self.gui.with_name("shisaku-cli" + EXE_SUFFIX)
        self.cli = self.gui if self.onefile or not cli.exists() else cli
        # what gets copied for the read-only check (and zipped for a release)
        self.root = (
            self.gui.parents[2] if self.in_app else (self.gui if self.onefile else self.gui.parent)
        )

    @classmethod
    def default(cls, onefile: bool) -> Install:
        dist = ROOT / "dist"
        if onefile:
            return cls(dist / f"shisaku{EXE_SUFFIX}")
        if IS_MAC:
            return cls(dist / f"{APP_TITLE}.app" / "Contents" / "MacOS" / "shisaku")
        return cls(dist / APP_TITLE / f"shisaku{EXE_SUFFIX}")

    def relocated(self, new_root: Path) -> Install:
        """The same install copied to new_root."""
        if self.onefile:
            return Install(new_root)
        return Install(new_root / self.gui.relative_to(self.root))

    def describe(self) -> str:
        kind = "onefile" if self.onefile else ".app" if self.in_app else "onedir"
        return f"{self.gui} ({kind}; CLI: {self.cli.name})"


def tree_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


# --- building ------------------------------------------------------------------------------
def build(onefile: bool) -> Path:
    """Run PyInstaller on build.spec; return the log path. Raises SmokeFailed on failure."""
    mode = "onefile" if onefile else "onedir"
    (ROOT / "build").mkdir(exist_ok=True)
    log = ROOT / "build" / f"pyinstaller-{mode}.log"
    say(f"building {mode} with PyInstaller (about a minute; log: {log.relative_to(ROOT)})")
    env = dict(os.environ, SHISAKU_ONEFILE="1" if onefile else "0")
    start = time.monotonic()
    with open(log, "w", encoding="utf-8", errors="replace") as out:
        p = subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--workpath",
                str(ROOT / "build" / f"pyinstaller-{mode}"),
                "--distpath",
                str(ROOT / "dist"),
                str(ROOT / "build.spec"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if p.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        raise SmokeFailed("PyInstaller failed:\n" + "\n".join(tail) + f"\n(full log: {log})")
    say(f"built in {time.monotonic() - start:.0f} s")
    return log


# --- the checks ----------------------------------------------------------------------------
def check_log(log: Path) -> None:
    bad = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "Library not found" in line:
            if not any(rx.search(line) for rx in LOG_ALLOWED):
                bad.append(line)
        elif re.search(r"\bERROR\b", line):
            bad.append(line)
    if bad:
        raise SmokeFailed("PyInstaller log has unexpected warnings:\n  " + "\n  ".join(bad))
    say(f"log OK ({log})")


def base_env(tmp: Path) -> dict[str, str]:
    """A clean environment: offscreen Qt, the user's folders (platformdirs) inside `tmp`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SHISAKU_", "XDG_", "QT_", "PYTHON", "WIN_PD_OVERRIDE_"))
    }
    home = tmp / "home"
    for sub in ("", ".local/share", ".config", ".cache", "AppData/Local", "AppData/Roaming"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),  # Linux
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        # Windows: platformdirs asks the shell API, unless these (its own overrides) are set
        WIN_PD_OVERRIDE_LOCAL_APPDATA=str(home / "AppData" / "Local"),
        WIN_PD_OVERRIDE_APPDATA=str(home / "AppData" / "Roaming"),
        QT_QPA_PLATFORM="offscreen",
        LANG="ja_JP.UTF-8",
    )
    if not IS_WIN:
        env["TMPDIR"] = str(tmp)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def data_folders(env: dict[str, str]) -> list[Path]:
    """Where platformdirs may put user data under this environment (macOS: ~/Library)."""
    home = Path(env["HOME"])
    return [
        Path(env["XDG_DATA_HOME"]) / "shisaku",
        home / "Library" / "Application Support" / "shisaku",
        Path(env["WIN_PD_OVERRIDE_LOCAL_APPDATA"]),
        Path(env["WIN_PD_OVERRIDE_APPDATA"]),
    ]


def as_user(cmd: list[str], user: str | None) -> list[str]:
    if not user:
        return cmd
    import pwd  # Unix only: only reached on Linux as root

    gid = pwd.getpwnam(user).pw_gid
    return ["setpriv", f"--reuid={user}", f"--regid={gid}", "--clear-groups", "--", *cmd]


def run(
    cmd: list[str],
    env: dict[str, str],
    what: str,
    timeout: float = 180,
    user: str | None = None,
    ok_codes=(0,),
) -> subprocess.CompletedProcess:
    try:
        p = subprocess.run(
            as_user(cmd, user),
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as e:
        raise SmokeFailed(f"{what}: timed out after {timeout} s") from e
    if p.returncode not in ok_codes:
        raise SmokeFailed(
            f"{what}: exit {p.returncode}\n--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}"
        )
    if "Traceback (most recent call last)" in (p.stderr or ""):
        raise SmokeFailed(f"{what}: traceback on stderr\n{p.stderr}")
    return p


def self_test(inst: Install, env: dict[str, str], user: str | None = None) -> None:
    """The self-test through the CLI (its output is read) and through the app itself."""
    who = f" (as {user})" if user else ""
    p = run([str(inst.cli), "--self-test"], env, f"{inst.cli.name} --self-test", user=user)
    if "self-test: OK" not in p.stdout:
        raise SmokeFailed(f"--self-test exited 0 without 'self-test: OK':\n{p.stdout}")
    if inst.gui != inst.cli and not inst.cli.is_symlink():
        if IS_WIN:
            windowed_without_stdio(inst.gui, env)
        else:
            run([str(inst.gui), "--self-test"], env, f"{inst.gui.name} --self-test", user=user)
        say(f"--self-test OK through {inst.cli.name} and {inst.gui.name}{who}")
    else:
        say(f"--self-test OK{who}")


def windowed_without_stdio(gui: Path, env: dict[str, str]) -> None:
    """Windows: the windowed shisaku.exe as Explorer starts it, with no standard handles at
    all (sys.stdout and sys.stderr are None): --self-test must still exit 0. Passing no
    handle (not even stdin) is what keeps Windows from handing it ours. A crash would open
    PyInstaller's traceback dialog and hang here until the timeout."""
    try:
        p = subprocess.run([str(gui), "--self-test"], env=env, timeout=180)
    except subprocess.TimeoutExpired as e:
        raise SmokeFailed(
            f"{gui.name} --self-test without stdio: no exit in 180 s (an error dialog?)"
        ) from e
    if p.returncode != 0:
        raise SmokeFailed(f"{gui.name} --self-test without stdio: exit {p.returncode}")


def cli_checks(inst: Install, env: dict[str, str], tmp: Path) -> None:
    data = tmp / "cli-data"
    env = dict(env, SHISAKU_DATA_DIR=str(data))
    x = str(inst.cli)
    version = app_version()
    out = run([x, "--version"], env, "--version").stdout
    if version not in out:
        raise SmokeFailed(f"--version does not say {version}: {out!r}")
    out = run([x, "tree"], env, "tree").stdout
    if "第1章" not in out or "第2章" not in out:
        raise SmokeFailed(f"tree: unexpected output\n{out}")
    out = run([x, "search", "地方創生"], env, "search").stdout
    if not out.strip():
        raise SmokeFailed("search 地方創生: no results")
    out = run([x, "show", "1-1-1"], env, "show").stdout
    if "地域の働き方・職場改革" not in out:
        raise SmokeFailed(f"show 1-1-1: unexpected output\n{out}")
    run([x, "note", "set", "1-1-1", NOTE], env, "note set")
    if run([x, "note", "get", "1-1-1"], env, "note get").stdout.strip() != NOTE:
        raise SmokeFailed("note get did not return the note just set")
    run([x, "collection", "create", "煙テスト"], env, "collection create")
    run([x, "bookmark", "add", "1-1-1", "--collection", "煙テスト"], env, "bookmark add")
    pdf = tmp / "brief.pdf"
    run(
        [x, "brief", "--collection", "煙テスト", "--format", "pdf", "--out", str(pdf)],
        env,
        "brief pdf",
    )
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise SmokeFailed("brief pdf: not a PDF")
    for fmt in ("docx", "xlsx"):  # python-docx / openpyxl and their data files are bundled
        out_file = tmp / f"brief.{fmt}"
        run(
            [x, "brief", "--collection", "煙テスト", "--format", fmt, "--out", str(out_file)],
            env,
            f"brief {fmt}",
        )
        if not out_file.read_bytes().startswith(b"PK"):
            raise SmokeFailed(f"brief {fmt}: not a {fmt} file")
    say(
        f"CLI OK through {inst.cli.name} (--version {version}, tree, search, show, note, "
        f"bookmark, PDF brief {pdf.stat().st_size} bytes, Word and Excel briefs)"
    )


def needed_check(bundle: Path) -> None:
    """Linux onedir (also the onefile's, unpacked): every library a bundled ELF links is in
    the bundle or in SYSTEM_LIBS."""
    internal = bundle / "_internal"
    have = {p.name for p in internal.rglob("*.so*")}
    missing = set()
    for f in [bundle / "shisaku", *internal.rglob("*.so*")]:
        if f.is_symlink() or not f.is_file():
            continue
        p = subprocess.run(["readelf", "-d", str(f)], capture_output=True, text=True)
        for lib in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", p.stdout):
            if lib not in have and not SYSTEM_LIBS.match(lib):
                missing.add(f"{f.relative_to(bundle)} needs {lib}")
    if missing:
        raise SmokeFailed("libraries missing from the bundle:\n  " + "\n  ".join(sorted(missing)))
    say("bundle complete (every linked library is bundled or a known system library)")


def xcb_check(inst: Install, env: dict[str, str], tmp: Path) -> None:
    """Linux: the real window on an X server (the xcb plugin and its libraries)."""
    if not shutil.which("xvfb-run"):
        say("xcb check skipped (no xvfb-run)")
        return
    env = dict(env, SHISAKU_DATA_DIR=str(tmp / "xcb-data"))
    env.pop("QT_QPA_PLATFORM")
    # xvfb-run passes its auth file to Xvfb unquoted: a TMPDIR with a space (ours has one,
    # as a Windows user folder would) breaks it, so the auth file lives elsewhere
    fd, auth = tempfile.mkstemp(prefix="shisaku-xauth-")
    os.close(fd)
    try:
        p = _xvfb_run(inst, env, auth)
    finally:
        os.unlink(auth)
    if re.search(
        r"qt\.qpa\.plugin|Could not load the Qt platform plugin|Cannot load library", p.stderr
    ):
        raise SmokeFailed(f"window under Xvfb: Qt plugin problem\n{p.stderr}")
    say("window under Xvfb OK (xcb)")


def _xvfb_run(inst: Install, env: dict[str, str], auth: str):
    return run(
        [
            "xvfb-run",
            "-a",
            "-f",
            auth,
            "-s",
            "-screen 0 1280x800x24",
            "timeout",
            "-s",
            "TERM",
            "6",
            str(inst.gui),
        ],
        env,
        "window under Xvfb",
        timeout=60,
        ok_codes=(0, 124, 143),
    )


def cache_folder(env: dict[str, str]) -> Path:
    """Where the onefile unpacks the app under this environment (desktop/launcher.py's
    cache_root: platformdirs' user cache folder + app)."""
    home = Path(env["HOME"])
    if IS_WIN:
        return Path(env["WIN_PD_OVERRIDE_LOCAL_APPDATA"]) / "shisaku" / "Cache" / "app"
    if IS_MAC:
        return home / "Library" / "Caches" / "shisaku" / "app"
    return Path(env["XDG_CACHE_HOME"]) / "shisaku" / "app"


def onefile_checks(inst: Install, env: dict[str, str], tmp: Path) -> None:
    """The onefile (decision 0008): the first start unpacked the app once into the user's
    cache folder (under a path with Japanese and a space here), complete and with its marker;
    a later start runs it without unpacking again; with no writable cache it unpacks to a
    temporary folder and removes it at exit."""
    cache = cache_folder(env)
    found = sorted(cache.iterdir()) if cache.is_dir() else []
    if len(found) != 1 or not found[0].name.startswith(app_version() + "-"):
        raise SmokeFailed(f"onefile: expected one unpacked app in {cache}, found {found}")
    folder = found[0]
    if not (folder / ".shisaku-complete").is_file():
        raise SmokeFailed(f"onefile: {folder} has no completion marker")
    before = (folder.stat().st_ino, folder.stat().st_mtime_ns, snapshot(folder))
    # the whole app (window, search, note) must leave its folder as unpacked: a file it
    # changed would fail the size check and make every start unpack again
    run([str(inst.cli), "--self-test"], env, "onefile later start")
    if (folder.stat().st_ino, folder.stat().st_mtime_ns, snapshot(folder)) != before:
        raise SmokeFailed(f"onefile: a later start changed {folder} (unpacked again?)")
    if IS_LINUX:
        needed_check(folder)
    blocker = tmp / "キャッシュ不可"
    blocker.write_text("", encoding="utf-8")
    fallback_tmp = tmp / "fallback tmp"
    fallback_tmp.mkdir()
    fenv = dict(env, SHISAKU_CACHE_DIR=str(blocker / "cache"))
    fenv.update(TMPDIR=str(fallback_tmp), TEMP=str(fallback_tmp), TMP=str(fallback_tmp))
    out = run([str(inst.cli), "--version"], fenv, "onefile without a writable cache").stdout
    if app_version() not in out:
        raise SmokeFailed(f"onefile without a writable cache: --version said {out!r}")
    if any(fallback_tmp.iterdir()):
        raise SmokeFailed(f"onefile: the temporary folder was not removed: {fallback_tmp}")
    say(
        f"onefile OK: unpacked once to {folder} ({tree_size(folder) / 1e6:.1f} MB), "
        "reused by the next start; no writable cache → a temporary folder, removed at exit"
    )


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    paths = [folder] if folder.is_file() else folder.rglob("*")
    return {str(p): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in paths}


def set_writable(root: Path, writable: bool) -> None:
    for p in [root, *(root.rglob("*") if root.is_dir() else [])]:
        if p.is_symlink():
            continue
        mode = p.stat().st_mode
        bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        p.chmod(mode | stat.S_IWUSR if writable else mode & ~bits)


def read_only_check(inst: Install, tmp: Path) -> None:
    """A write-protected copy of the install works and writes only to platformdirs."""
    place = tmp / "ro-install"
    place.mkdir()
    copy_root = place / inst.root.name
    if inst.onefile:
        shutil.copy2(inst.root, copy_root)
    else:
        shutil.copytree(inst.root, copy_root, symlinks=True)
    copy = inst.relocated(copy_root)
    set_writable(copy_root, False)
    before = snapshot(copy_root)
    user = None
    if IS_LINUX and os.geteuid() == 0 and shutil.which("setpriv"):
        user = "nobody"  # root ignores permission bits: run as an ordinary user
        for p in [tmp, *tmp.rglob("*")]:
            if p.is_dir() and not p.is_relative_to(place):
                p.chmod(0o777)
        place.chmod(0o755)
    env = base_env(tmp / "ro-env")
    if user:
        for p in [tmp / "ro-env", *(tmp / "ro-env").rglob("*")]:
            p.chmod(0o777)
    try:
        self_test(copy, env, user=user)
        # no SHISAKU_DATA_DIR: user data must go to the platformdirs folder
        run(
            [str(copy.cli), "note", "set", "1-1-2", NOTE],
            env,
            "note set (read-only install)",
            user=user,
        )
        got = run(
            [str(copy.cli), "note", "get", "1-1-2"], env, "note get (read-only install)", user=user
        ).stdout.strip()
        if got != NOTE:
            raise SmokeFailed("read-only install: note did not round-trip")
        found = [f for f in data_folders(env) if f.is_dir() and any(f.rglob("*"))]
        if not found:
            raise SmokeFailed(
                f"user data not found in the platformdirs folder "
                f"({', '.join(map(str, data_folders(env)))})"
            )
        after = snapshot(copy_root)
        if after != before:
            changed = sorted(set(after.items()) ^ set(before.items()))
            raise SmokeFailed(f"the install folder changed: {changed[:10]}")
    finally:
        set_writable(copy_root, True)  # let the temp folder be removed
    say(
        f"read-only install OK{' (as ' + user + ')' if user else ''}: user data in "
        f"{found[0]}, install unchanged"
    )


def smoke(inst: Install, log: Path | None) -> None:
    if not inst.gui.is_file():
        raise SmokeFailed(f"no executable at {inst.gui}")
    say(f"testing {inst.describe()}")
    say(f"size {tree_size(inst.root) / 1e6:.1f} MB ({inst.root})")
    if log:
        check_log(log)
    root = Path(tempfile.mkdtemp(prefix="shisaku-smoke-"))
    # a user folder as on a Japanese Windows (C:\Users\山田 太郎\…): Japanese and a space
    tmp = root / "山田 太郎"
    tmp.mkdir()
    root.chmod(0o755)  # the read-only check may run as `nobody`: it must reach `tmp`
    try:
        env = base_env(tmp)
        self_test(inst, env)
        cli_checks(inst, env, tmp)
        if inst.onefile:
            onefile_checks(inst, env, tmp)
        if IS_LINUX:
            if not inst.onefile:
                needed_check(inst.gui.parent)
            xcb_check(inst, env, tmp)
        read_only_check(inst, tmp)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", nargs="?", type=Path, help="the app executable to test")
    ap.add_argument("--build", action="store_true", help="build with PyInstaller first")
    ap.add_argument("--onefile", action="store_true", help="(default: SHISAKU_ONEFILE)")
    ap.add_argument("--log", type=Path, help="PyInstaller log to check for warnings")
    args = ap.parse_args()
    onefile = args.onefile or os.environ.get("SHISAKU_ONEFILE", "").lower() in ("1", "true", "yes")
    try:
        log = build(onefile) if args.build else args.log
        inst = Install(args.binary) if args.binary else Install.default(onefile)
        smoke(inst, log)
    except SmokeFailed as e:
        print(f"smoke-frozen: FAILED: {e}", file=sys.stderr)
        return 1
    say("all OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
