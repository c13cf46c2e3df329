"""Sharing a collection (.shisaku) and restoring a backup, as the window asks about them:
whether to include notes when sharing, and what an import or a restore would change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from desktop.brief.model import first_line
from desktop.share.merge import (
    ADD,
    CLASH,
    NOTE_ADD,
    NOTE_MERGE,
    NOTE_SAME,
    NOTE_SKIP,
    PRESENT,
    RELINKED,
    UNKNOWN,
)
from desktop.ui.a11y import describe
from desktop.ui.dialogs.changes_dialog import (
    ADDS,
    CONFLICTS,
    SAME,
    SKIPPED,
    ChangesDialog,
    Row,
    Section,
)
from desktop.ui.dialogs.sizing import fit_height


class ShareExportDialog(QDialog):
    """「コレクションを共有ファイルに書き出す」: notes are private, so they go only when
    ticked (never remembered: each file is a new decision)."""

    def __init__(self, name: str, count: int, parent=None):
        super().__init__(parent)
        self.setObjectName("share_export_dialog")
        self.setWindowTitle(self.tr("共有ファイルに書き出す"))
        text = QLabel(
            self.tr(
                "コレクション「{0}」（{1} 件）を、同僚が「取り込む…」で読み込める"
                "共有ファイル（.shisaku）に書き出します。"
            ).format(name, count)
        )
        text.setWordWrap(True)
        self.with_notes = QCheckBox(self.tr("自分のメモ・ハイライト・タグも含める"))
        describe(
            self.with_notes,
            self.tr("自分のメモ・ハイライト・タグも含める"),
            self.tr("非公開の情報です。含めると、ファイルを受け取った人が読めます"),
            tooltip=True,
        )
        hint = QLabel(
            self.tr(
                "メモ・ハイライト・タグは非公開の情報です。"
                "含めると、ファイルを受け取った人が読めます。"
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(
            self.tr("書き出す…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        describe(self.export_button, self.tr("書き出す"), self.tr("保存先を選んで書き出す"), True)
        cancel = buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        describe(cancel, self.tr("キャンセル"), self.tr("何もせずに閉じる"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda _c=False: self.accept())
        cancel.clicked.connect(lambda _c=False: self.reject())
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.with_notes)
        lay.addWidget(hint)
        lay.addWidget(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_height(self)


# --- import ------------------------------------------------------------------------------


def import_sections(preview) -> list[Section]:
    """An ImportPreview as the dialog's groups: added, conflicts, unchanged, not imported."""
    adds = [Row(i.measure_id, i.title) for i in preview.having(ADD)]
    adds += [
        Row(i.measure_id, i.title, [f"共有ファイルでは {i.file_id}。施策名で照合して追加します"])
        for i in preview.having(RELINKED)
    ]
    adds += [
        Row(i.measure_id, i.title, ["この施策集にない施策です。孤立したブックマークとして残します"])
        for i in preview.having(UNKNOWN)
    ]
    notes = [
        Row(n.measure_id, n.title, [f"メモ: {first_line(n.incoming, 60)}"])
        for n in preview.notes_of(NOTE_ADD)
    ]
    conflicts = [
        Row(
            n.measure_id,
            n.title,
            [
                f"今のメモ: {first_line(n.local, 60)}",
                f"取り込むメモ: {first_line(n.incoming, 60)}",
                "→ 両方を残します（取り込むメモを今のメモの後に追記し、今のメモは履歴にも残ります）",
            ],
        )
        for n in preview.notes_of(NOTE_MERGE)
    ]
    conflicts += [
        Row(i.measure_id, i.title, ["同じIDの別の施策が既にあるため、この施策は追加しません"])
        for i in preview.having(CLASH)
    ]
    same = [
        Row(i.measure_id, i.title, ["既にコレクションにあります"]) for i in preview.having(PRESENT)
    ]
    same += [Row(n.measure_id, n.title, ["メモは同じです"]) for n in preview.notes_of(NOTE_SAME)]
    skipped = [
        Row(
            n.measure_id,
            n.title,
            ["この施策集にない施策のメモは取り込みません（ファイルには残ります）"],
        )
        for n in preview.notes_of(NOTE_SKIP)
    ]
    hl_adds, hl_conflicts, hl_same, hl_skipped, tags = annotation_rows(preview)
    return [
        Section("追加する施策", ADDS, adds),
        Section("追加するメモ", ADDS, notes),
        Section("追加するハイライト", ADDS, hl_adds),
        Section("追加するタグ", ADDS, tags),
        Section("競合（両方を残します）", CONFLICTS, conflicts + hl_conflicts),
        Section("変更なし", SAME, same + hl_same),
        Section("取り込まないもの", SKIPPED, skipped + hl_skipped),
    ]


def annotation_rows(preview):
    """Highlights and tags of a version-2 share file (issue 12): added, comments that differ
    (both kept), the same, not placed in this edition's body; and the tags to add."""
    by_kind: dict[str, list[Row]] = {"add": [], "merge": [], "same": [], "skip": []}
    for h in getattr(preview, "highlights", []):
        passage = f"「{first_line(h.text, 40)}」"
        details = {
            "add": [f"コメント: {first_line(h.comment, 60)}"] if h.comment.strip() else [],
            "merge": [
                f"今のコメント: {first_line(h.local_comment, 60)}",
                f"取り込むコメント: {first_line(h.comment, 60)}",
                "→ 両方を残します（取り込むコメントを今のコメントの後に追記）",
            ],
            "same": ["ハイライトは同じです"],
            "skip": ["この施策集の本文に見つからないため取り込みません"],
        }[h.kind]
        by_kind[h.kind].append(Row(h.measure_id, passage, details))
    tags = [Row(t.measure_id, f"タグ「{t.tag}」", [t.title]) for t in getattr(preview, "tags", [])]
    return by_kind["add"], by_kind["merge"], by_kind["same"], by_kind["skip"], tags


def import_dialog(preview, shared, path: Path, parent=None) -> ChangesDialog:
    heading = (
        f"コレクション「{preview.collection}」を新しく作成します"
        if preview.creates
        else f"既存のコレクション「{preview.collection}」に追加します"
    )
    sections = import_sections(preview)
    adds = "・".join(
        f"{s.label.removeprefix('追加する')} {len(s.rows)} 件"
        for s in sections
        if s.kind == ADDS and s.rows
    )
    conflicts = sum(len(s.rows) for s in sections if s.kind == CONFLICTS)
    when = shared.exported[:10] or "日付なし"
    withn = "、メモ付き" if shared.with_notes else ""
    what = (f"{adds}を追加します。" if adds else "") + (
        f"競合 {conflicts} 件（両方を残します）。" if conflicts else ""
    )
    lines = [
        f"共有ファイル: {path.name}（{len(shared.items)} 件{withn}、{when} 書き出し）",
        what if preview.changes else "取り込む変更はありません。",
    ]
    if preview.other_edition:
        lines.append("別の版の施策集で作られたファイルです。施策名で照合しました。")
    lines.append("「取り込む」を押すまで何も変更しません。" if preview.changes else "")
    return ChangesDialog(
        "共有ファイルの取り込み",
        heading,
        "\n".join(x for x in lines if x),
        sections,
        "取り込む",
        preview.changes,
        parent,
    )


# --- restore -----------------------------------------------------------------------------


def restore_sections(preview) -> list[Section]:
    differ = [
        Row(
            d.measure_id,
            d.title,
            [
                f"今のメモ: {first_line(d.local, 60) or '（空）'}",
                f"バックアップのメモ: {first_line(d.incoming, 60) or '（空）'}",
                f"→ {d.outcome()}",
            ],
        )
        for d in preview.notes_differ
    ]
    same = [Row("", f"同じ内容のメモ {preview.notes_same} 件")] if preview.notes_same else []
    annotations = [
        Row("", text)
        for n, text in (
            (preview.highlights_new, f"ハイライト {preview.highlights_new} 件を追加"),
            (
                preview.highlights_updated,
                f"ハイライト {preview.highlights_updated} 件の色・コメントを新しい方に更新",
            ),
            (preview.tags_new, f"タグ {preview.tags_new} 件を追加"),
        )
        if n
    ]
    return [
        Section("追加するメモ", ADDS, [Row(mid, title) for mid, title in preview.notes_new]),
        Section("内容が異なるメモ（両方を残します）", CONFLICTS, differ),
        Section(
            "追加するコレクション",
            ADDS,
            [Row(name, f"{n} 件のブックマーク") for name, n in preview.collections_new],
        ),
        Section(
            "既存のコレクションに追加するブックマーク",
            ADDS,
            [Row(name, f"{n} 件") for name, n in preview.bookmarks_new],
        ),
        Section("ハイライト・タグ", ADDS, annotations),
        Section("変更なし", SAME, same),
    ]


def restore_dialog(preview, path: Path, parent=None) -> ChangesDialog:
    when = preview.exported[:10] or "日付なし"
    summary = (
        f"バックアップ: {path.name}（{when} 書き出し）\n{preview.summary()}。\n"
        "今のデータに統合します（何も消しません）。「復元する」を押すまで何も変更しません。"
        if preview.changes
        else f"バックアップ: {path.name}（{when} 書き出し）\n復元して変わるものはありません。"
    )
    return ChangesDialog(
        "バックアップから復元",
        "バックアップの内容を今のメモ・コレクションに統合します",
        summary,
        restore_sections(preview),
        "復元する",
        preview.changes,
        parent,
    )
