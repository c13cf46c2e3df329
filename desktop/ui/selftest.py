"""`shisaku --self-test`: the real window, offscreen, in a temporary data folder.

Loads catalogue, index and user data, runs a search, opens a measure, writes a note through
the editor's autosave and reads it back from a fresh store connection, and starts a second
launch (`shisaku open ID`, a real process of the same program) that must hand its request
to this window (one app per user). Exit 0 on success, 1 with the failing step and reason
on stderr. The executable's smoke test runs this.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

QUERY = "地方創生"
NOTE = "自己診断のメモ ✓ 地方創生2.0"


class SelfTestFailed(Exception):
    pass


def check(ok: bool, what: str) -> None:
    if not ok:
        raise SelfTestFailed(what)


def wait_until(app, predicate, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def launch_command(*args: str) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "desktop", *args]


def second_launch(app, win, data: Path, out) -> None:
    """`shisaku open ID` started while this window listens: it exits 0 at once and this
    window shows the measure."""
    from desktop.ui import single_instance

    server = single_instance.serve(win, data)
    check(server is not None, "二重起動の受け口を作れません (cannot listen for a second launch)")
    try:
        target = next(m.id for m in win.ctx.catalogue.measures if m.id != win.location)
        proc = subprocess.Popen(
            launch_command("open", target, "--data-dir", str(data)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        finished = wait_until(app, lambda: proc.poll() is not None, seconds=60)
        if not finished:
            proc.kill()
        _out, err = proc.communicate()
        check(finished, "二度目の起動が終わりません (the second launch did not hand over)")
        check(
            proc.returncode == 0,
            f"二度目の起動が失敗しました ({proc.returncode}): "
            f"{err.decode('utf-8', 'replace').strip()[-300:]}",
        )
        check(win.location == target, "二度目の起動の施策がこのウィンドウに表示されません")
    finally:
        server.close()
    print(f"self-test: 二重起動は既存のウィンドウへ ({target}) OK", file=out)


def run(out=sys.stdout, err=sys.stderr) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="shisaku-selftest-"))
    step = "起動"
    ctx = win = None
    try:
        from desktop.ui.app import make_app

        app = make_app(offscreen=True)
        step = "施策集・索引・ユーザーデータの読み込み"
        from desktop.ui.context import AppContext
        from desktop.ui.main_window import MainWindow
        from desktop.ui.settings import Settings
        from desktop.userdata import UserStore

        ctx = AppContext.open(tmp)
        check(len(ctx.catalogue) > 0, "施策集が空です (catalogue is empty)")
        check(
            len(ctx.searcher) == len(ctx.catalogue),
            f"索引の件数 {len(ctx.searcher)} が施策集 {len(ctx.catalogue)} と違います",
        )
        print(f"self-test: 施策集 {len(ctx.catalogue)} 件、索引 OK、データ {tmp}", file=out)

        step = "ウィンドウの表示"
        win = MainWindow(ctx, Settings.open(tmp))
        win.show()
        app.processEvents()
        check(len(win.toc_model.measure_nodes()) == len(ctx.catalogue), "目次が不完全です")

        step = "検索"
        win.search_box.setText(QUERY)
        win.search_box.flush()
        n = win.results.model.rowCount()
        check(n > 0, f"「{QUERY}」の検索結果がありません")
        print(f"self-test: 検索「{QUERY}」{win.results.model.total} 件", file=out)

        step = "施策を開く"
        win.open_current_result()
        m = ctx.catalogue.require(win.location)
        check(m.title in win.view.toPlainText(), "施策の本文が表示されていません")
        print(f"self-test: {m.id} {m.title[:30]}", file=out)

        step = "メモの自動保存"
        win.editor.edit.setFocus()
        win.editor.edit.setPlainText(NOTE)
        check(
            wait_until(app, lambda: not win.editor.autosave.dirty),
            f"メモが保存されません: {win.editor.autosave.error}",
        )
        with UserStore.open(tmp) as store:
            note = store.get_note(m.id)
        check(note is not None and note.text == NOTE, "保存したメモを読み戻せません")
        print("self-test: メモの保存と読み戻し OK", file=out)

        step = "二重起動の引き渡し (one app per user)"
        second_launch(app, win, tmp, out)

        step = "終了"
        win.close()
        win = None
        ctx.close()
        ctx = None
        print("self-test: OK", file=out)
        return 0
    except SelfTestFailed as e:
        print(f"self-test: 失敗 ({step}): {e}", file=err)
        return 1
    except Exception as e:  # any other failure is a failed self-test, with the reason
        print(f"self-test: 失敗 ({step}): {type(e).__name__}: {e}", file=err)
        traceback.print_exc(file=err)
        return 1
    finally:
        if win is not None:
            win.close()
        if ctx is not None:
            ctx.close()
        shutil.rmtree(tmp, ignore_errors=True)
