"""The one brief dialog: which format (from the registry), with or without notes, with or
without bodies; then 保存… (a file dialog) or 印刷プレビュー…. The choice is remembered in
the window's settings, so the next brief needs only Enter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from desktop.brief.formats import FORMATS
from desktop.brief.model import BriefOptions
from desktop.ui.a11y import describe
from desktop.ui.dialogs.sizing import fit_height

SAVE, PRINT = "save", "print"


@dataclass(frozen=True)
class BriefChoice:
    """What the dialog asks, as the settings file keeps it."""

    format: str = "pdf"
    notes: bool = True
    bodies: bool = True

    @property
    def options(self) -> BriefOptions:
        return BriefOptions(notes=self.notes, bodies=self.bodies)

    def to_settings(self) -> dict:
        return {"format": self.format, "notes": self.notes, "bodies": self.bodies}

    @classmethod
    def from_settings(cls, value) -> BriefChoice:
        """A damaged or old setting falls back, value by value, to the defaults."""
        value = value if isinstance(value, dict) else {}
        fmt = value.get("format")
        notes, bodies = value.get("notes"), value.get("bodies")
        return cls(
            format=fmt if fmt in FORMATS else cls.format,
            notes=notes if isinstance(notes, bool) else cls.notes,
            bodies=bodies if isinstance(bodies, bool) else cls.bodies,
        )


class BriefDialog(QDialog):
    """exec() → Accepted with `action` SAVE or PRINT and choice(); Rejected: nothing."""

    def __init__(self, subject: str, detail: str, choice: BriefChoice, parent=None):
        super().__init__(parent)
        self.setObjectName("brief_dialog")
        self.setWindowTitle(self.tr("ブリーフの作成"))
        self.action: str | None = None
        heading = QLabel(f"<b>{_html(subject)}</b><br/>{_html(detail)}")
        heading.setWordWrap(True)
        describe(heading, self.tr("ブリーフにするもの: {0}（{1}）").format(subject, detail))

        self.formats = QButtonGroup(self)
        format_box = QGroupBox(self.tr("形式"))
        describe(format_box, self.tr("形式"), self.tr("保存するファイルの形式"))
        grid = QGridLayout(format_box)
        grid.setColumnStretch(1, 1)
        self.radios: dict[str, QRadioButton] = {}
        for row, f in enumerate(FORMATS.values()):
            r = QRadioButton(f.name)
            r.setObjectName(f"format_{f.key}")
            describe(r, f.name, f"{f.description}（.{f.key} ファイル）")
            self.formats.addButton(r)
            self.radios[f.key] = r
            grid.addWidget(r, row, 0)
            what = QLabel(f.description)
            what.setWordWrap(True)
            grid.addWidget(what, row, 1)
            suffix = QLabel(f".{f.key}")
            grid.addWidget(suffix, row, 2)
        self.radios.get(choice.format, self.radios["pdf"]).setChecked(True)

        content = QGroupBox(self.tr("内容"))
        describe(content, self.tr("内容"), self.tr("ブリーフに含めるもの"))
        clay = QVBoxLayout(content)
        self.notes = QCheckBox(self.tr("自分のメモ・ハイライト・タグを含める"))
        describe(
            self.notes,
            self.tr("自分のメモ・ハイライト・タグを含める"),
            self.tr(
                "外すと、非公開のメモ・ハイライト・タグを除いたブリーフになります"
                "（他の人に渡すとき）"
            ),
            tooltip=True,
        )
        self.notes.setChecked(choice.notes)
        self.bodies = QCheckBox(self.tr("各施策の本文・脚注・担当を含める"))
        describe(
            self.bodies,
            self.tr("各施策の本文・脚注・担当を含める"),
            self.tr("外すと、1ページ目の一覧だけになります"),
            tooltip=True,
        )
        self.bodies.setChecked(choice.bodies)
        for box, hint in (
            (self.notes, self.tr("外すと、他の人に渡せるブリーフになります")),
            (
                self.bodies,
                self.tr("外すと、一覧（No.・施策名・担当府省庁・出典ページ）だけの1枚になります"),
            ),
        ):
            clay.addWidget(box)
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setIndent(24)
            clay.addWidget(note)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("保存…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        describe(
            self.save_button,
            self.tr("保存"),
            self.tr("選んだ形式でファイルに保存する"),
            tooltip=True,
        )
        self.print_button = buttons.addButton(
            self.tr("印刷プレビュー…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        describe(
            self.print_button,
            self.tr("印刷プレビュー"),
            self.tr("PDF と同じ体裁で印刷する前に確認する"),
            tooltip=True,
        )
        cancel = buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        describe(cancel, self.tr("キャンセル"), self.tr("何もせずに閉じる"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda _c=False: self._finish(SAVE))
        self.print_button.clicked.connect(lambda _c=False: self._finish(PRINT))
        cancel.clicked.connect(lambda _c=False: self.reject())

        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(format_box)
        lay.addWidget(content)
        lay.addWidget(buttons)
        self.formats.checkedButton().setFocus()  # ↑↓ pick a format, Enter saves

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_height(self)

    def _finish(self, action: str) -> None:
        self.action = action
        self.accept()

    def choice(self) -> BriefChoice:
        fmt = next(k for k, r in self.radios.items() if r.isChecked())
        return BriefChoice(fmt, self.notes.isChecked(), self.bodies.isChecked())


def _html(text: str) -> str:
    import html

    return html.escape(text)
