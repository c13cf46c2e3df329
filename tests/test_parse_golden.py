"""Golden tests: measures pinned for what the PDF extraction makes hard."""

import re
from collections import Counter

import pytest

# This edition's structure (the parser derives it from the source; only the test pins it).
PILLAR_COUNTS = (129, 100, 33, 57, 11)
CHAPTER2_COUNT = 14
FOOTNOTES = 39

# (id, title) — titles wrapped over two or three lines in the source, or with odd spacing.
WRAPPED_TITLES = [
    ("1-1-28", "専門高校を拠点とした地方創生支援・地域人材の育成（高校の特色化・魅力化を含む）"),
    ("1-1-30", "社会教育人材養成の抜本的改革等を通じた地域コミュニティの基盤強化"),
    (
        "1-1-59",
        "官民の垣根を越えた共創の取組による北海道開発の推進や定住環境の維持に向けた"
        "「道の駅」の機能充実、アイヌの人々の誇りが尊重される社会の実現",
    ),
    (
        "1-1-61",
        "「地域くらしサービス拠点構想」（縮小社会にも適応できる、将来を見据えた地域の"
        "サービス拠点づくり）",
    ),
    (
        "1-1-72",
        "「ヒトを支援するＡＩターミナル」、「サイバーポート」等による港湾の生産性向上・"
        "労働環境改善・災害時等支援の高度化",
    ),
    (
        "1-1-89",
        "民主導でハード整備からソフト運営まで担う新しいタイプの企業城下町、人を惹（ひ）き"
        "付ける質の高いまちづくりの推進",
    ),
    ("1-2-31", "ｗｅｂ３技術の活用による地方に眠る価値のグローバル価格への引き直し"),
    ("1-2-42", "地域脱炭素2.0の展開による地域課題解決・地域経済活性化・自立分散型社会の創出"),
    ("1-4-2", "ワット・ビット連携によるデジタルインフラの分散立地、ネットワークインフラ整備の推進"),
    (
        "2-4",
        "自治体内情報活用（公共サービスメッシュや国が推進するＳａａＳ等の普及）を通じた"
        "自治体業務の効率化",
    ),
    ("2-14", "大阪・関西万博などの国家的イベントの開催を契機とした地方創生の取組の推進"),
    # wrapped at a space: the first line is filled to the margin and ends in a space, the
    # rest of the title is a short line that also ends in a space (issue 9)
    ("1-1-58", "行政相談委員と民生委員、保護司、人権擁護委員などと連携した地域課題解決"),
    ("1-1-62", "地域の持続可能性の確保に向けた「コミュニティ・ハブ」としての郵便局の利活用の推進"),
    # filled first lines ending in a space that are whole titles: the next line is body
    ("1-4-53", "国・地方共通相談チャットボットによる地方公共団体職員の負担軽減"),
    ("1-2-37", "海藻等の保全・再生活動によるCO2吸収固定対策を通じた地域活性化"),
    ("2-10", "地域の課題解決、成長促進のための官民連携による資金の流れの促進"),
    ("1-1-12", "地方公務員の兼業・副業の弾力化"),  # starts a page after a footnote block
    ("1-1-1", "地域の働き方・職場改革を起点とした社会変革"),
    ("1-2-1", "地方での海外展開支援体制の構築"),
    ("1-5-11", "空港の機能向上と国内航空ネットワークの維持・活性化"),
]

# (id, text that must read through) — sentences cut by page breaks and footnote blocks.
READ_THROUGH = [
    ("1-1-4", "様々なロールモデルとの出会い"),  # page break, no footnotes
    ("1-1-4", "新設される独立行政法人男女共同参画機構において、"),  # marker 1 removed
    ("1-1-8", "各事業者における女性活躍を推進する取組や、男女での異なるニーズ"),  # footnote block
    ("1-1-9", "低入札価格調査制度・最低制限価格制度の導入拡大"),  # markers 2 and 3
    ("1-1-9", "ノルム（社会通念）として定着"),  # artifact space before （
    ("1-1-9", "サービス業等の12業種"),  # a number that is not a marker
    ("1-1-11", "施設整備については官民連携の手法を積極的に活用"),  # trailing space mid-word
    ("1-1-71", "「「交通空白」解消に向けた取組方針2025」に基づき"),  # marker 6 glued to 2025
    ("1-2-31", "テクノロジー（技術）の進展にレギュレーション（規制）を適応させ"),  # two footnotes
    ("1-3-4", "2028年３月までの時限措置として、23区内の収容定員"),  # 23 is body text
    ("1-3-4", "高等専門学校の改組・新設を検討する地方公共団体等への支援を推進する。"),
    ("1-1-106", "ＬＡＢＶ（Local Asset Backed Vehicle）を普及"),  # Latin spaces kept
    ("1-2-70", "海外においては在外公館やジャパン・ハウス"),  # footnote 16 in its own layout
    ("1-3-23", "REVICareer（レビキャリ）"),  # marker glued to Latin text
    ("2-2", "地域経済分析システム（ＲＥＳＡＳ）について"),  # marker after ）
    ("1-1-74", "オンライン診療（Ｄ to Ｐ with Ｎ）の積極的な活用"),  # Latin words across a wrap
    ("1-1-109", "さらに、ＮＰＯ・民間企業等"),  # full-width word wrapped: no space
    ("2-12", "など、ＳＤＧｓの理念に沿った"),
]

# footnote number → owning measure (the measure whose text holds the marker)
FOOTNOTE_OWNERS = {
    1: "1-1-4",
    2: "1-1-9",
    3: "1-1-9",
    4: "1-1-17",
    5: "1-1-65",
    6: "1-1-71",
    7: "1-1-85",
    8: "1-1-86",
    9: "1-1-92",
    10: "1-1-106",
    11: "1-2-10",
    12: "1-2-28",
    13: "1-2-31",
    14: "1-2-65",
    15: "1-2-69",
    16: "1-2-70",
    17: "1-2-70",
    18: "1-2-88",
    19: "1-2-96",
    20: "1-2-99",
    21: "1-3-3",
    22: "1-3-21",
    23: "1-3-23",
    24: "1-4-2",
    25: "1-4-2",
    26: "1-4-2",
    27: "1-4-3",
    28: "1-4-16",
    29: "1-4-16",
    30: "1-4-52",
    31: "1-4-52",
    32: "1-5-1",
    33: "1-5-2",
    34: "1-5-2",
    35: "2-2",
    36: "2-2",
    37: "2-6",
    38: "2-7",
    39: "2-7",
}


@pytest.mark.parametrize(("mid", "title"), WRAPPED_TITLES)
def test_titles(catalogue, mid, title):
    assert catalogue.require(mid).title == title


# (id, the body's first characters) — where a title ends, the body begins exactly
BODY_STARTS = [
    (
        "1-1-58",
        "多様化・複雑化する地域課題を解決するためには、地域に根ざして活動する行政ボランティア",
    ),
    ("1-1-62", "郵便・貯金・保険のユニバーサルサービスの提供を確保するとともに、"),
    ("1-1-59", "住民、ＮＰＯ、企業、教育機関等と連携し、"),
    ("2-4", "地方公共団体が標準準拠システムへの移行を進めるとともに、"),
    ("1-4-53", "国・地方共通相談チャットボット（ガボット）について、"),
]


@pytest.mark.parametrize(("mid", "start"), BODY_STARTS)
def test_body_starts(catalogue, mid, start):
    assert catalogue.require(mid).body.startswith(start)


@pytest.mark.parametrize(("mid", "text"), READ_THROUGH)
def test_sentences_read_through(catalogue, mid, text):
    assert text in catalogue.require(mid).body


def test_counts(catalogue):
    per = Counter((m.chapter, m.pillar) for m in catalogue.measures)
    assert [per[(1, p)] for p in range(1, 6)] == list(PILLAR_COUNTS)
    assert per[(2, None)] == CHAPTER2_COUNT
    assert len(catalogue) == 344
    assert len({m.id for m in catalogue.measures}) == 344


def test_ids_are_stable_and_ordered(catalogue):
    ids = [m.id for m in catalogue.measures]
    assert ids[0] == "1-1-1" and ids[128] == "1-1-129" and ids[129] == "1-2-1"
    assert ids[-1] == "2-14"
    assert [m.seq for m in catalogue.measures] == list(range(344))


def test_pillars_and_subtitles(catalogue):
    p = {x.number: x for x in catalogue.pillars}
    assert p[2].title == "稼ぐ力を高め、付加価値創出型の新しい地方経済の創生"
    assert p[2].subtitle == "～地方イノベーション創生構想～"
    assert p[3].subtitle == "～産官学の地方移転、都市と地方の交流等による創生～"
    assert p[1].subtitle is None and p[5].title == "広域リージョン連携"
    assert [c.title for c in catalogue.chapters] == [
        "政策の５本柱",
        "基本構想「第３章４．（１）国の役割」に基づく支援等",
    ]


def test_preface(catalogue):
    assert catalogue.preface.startswith("本施策集は、地方創生2.0の推進に資する各府省庁の")
    assert "（平成26年法律第136号）第８条" in catalogue.preface
    assert catalogue.preface.endswith("総合戦略を策定する。")
    assert "目次" not in catalogue.preface


def test_every_footnote_belongs_to_exactly_one_measure(catalogue):
    owners = {f.number: m.id for m in catalogue.measures for f in m.footnotes}
    assert owners == FOOTNOTE_OWNERS
    numbers = [f.number for m in catalogue.measures for f in m.footnotes]
    assert numbers == list(range(1, FOOTNOTES + 1))


def test_footnote_offsets_point_where_markers_stood(catalogue):
    m = catalogue.require("1-1-4")
    (f,) = m.footnotes
    assert m.body[: f.offset].endswith("独立行政法人男女共同参画機構")
    assert f.text == "独立行政法人男女共同参画機構法案を第217回国会に提出。"
    m = catalogue.require("1-1-71")
    assert m.body[: m.footnotes[0].offset].endswith("取組方針2025")
    m = catalogue.require("1-2-70")
    assert [f.number for f in m.footnotes] == [16, 17]
    assert m.footnotes[1].text.startswith("ＪＩＣＡのネットワークを活用した")
    assert m.body[: m.footnotes[1].offset].endswith("各国・地域の官民ネットワーク")


def test_footnote_text_joined_and_cleaned(catalogue):
    texts = {f.number: f.text for m in catalogue.measures for f in m.footnotes}
    assert texts[13].startswith("Non-Fungible Token：非代替性トークン。")
    assert "ブロックチェーン上で" in texts[13]
    assert "「Beyond 5Gに向けた情報通信技術戦略の在り方」" in texts[24]
    assert texts[4] == "昭和24年法律第100号。"


def test_no_marker_digits_or_artifacts_left(catalogue):
    for m in catalogue.measures:
        assert "\ue000" not in m.body
        assert not re.search(r"[^\x00-\x7f] +[^\x00-\x7f]", m.body), m.id
        assert not re.search(r"[ぁ-んァ-ヶ一-龠] +\d|\d +[ぁ-んァ-ヶ一-龠]", m.body), m.id
        assert m.body.endswith("。"), m.id


def test_ministry_inheritance_and_rollup(catalogue):
    bureaus = {o.name: o.ministry for o in catalogue.require("1-2-2").bureaus}
    assert bureaus["観光庁観光戦略課"] == "国土交通省"
    assert bureaus["国税庁課税部酒税課酒類業振興・輸出促進室"] == "財務省"
    assert (
        bureaus["文化庁参事官（文化拠点担当）"] == "文部科学省"
    )  # one name despite its 、-free parens
    assert bureaus["スポーツ庁参事官（地域振興担当）"] == "文部科学省"
    assert bureaus["農村振興局都市農村交流課"] == "農林水産省"  # inherits
    m = catalogue.require("1-1-9")
    bureaus = [(o.name, o.ministry) for o in m.bureaus]
    assert ("医事課", "厚生労働省") in bureaus
    assert ("財務省主計局法規課", "財務省") in bureaus  # joined across a wrapped line
    assert ("取引課", "経済産業省") in bureaus  # after 中小企業庁…: rolls up
    assert catalogue.require("1-1-11").ministries == ("防衛省",)  # 防衛装備庁 → 防衛省
    m = catalogue.require("2-5")
    assert [o.name for o in m.bureaus] == [
        "デジタル庁戦略・組織グループ担当デジタル改革企画④（新技術（ＡＩ）担当）"
    ]
    m = catalogue.require("2-1")
    assert [(o.name, o.ministry) for o in m.bureaus][-1] == ("地方創生推進室", "内閣府")
    assert m.ministries == ("内閣官房", "内閣府")
    for m in catalogue.measures:
        assert m.ministries == tuple(dict.fromkeys(o.ministry for o in m.bureaus))


def test_summary_list_cross_check(document):
    """The 施策一覧 at the tail lists titles and bureaus from pillar 1 (93) on."""

    def squash(s):
        return re.sub(r"\s+", "", s)

    by_key = {(m.chapter, m.pillar, m.number): m for m in document.measures}
    # the extraction's list runs from pillar 1 (93) to 第2章 (7), where the text ends
    assert len(document.summary) == 344 - 92 - 7
    first, last = document.summary[0], document.summary[-1]
    assert (first.chapter, first.pillar, first.number) == (1, 1, 93)
    assert (last.chapter, last.pillar, last.number) == (2, None, 7)
    for e in document.summary:
        m = by_key[(e.chapter, e.pillar, e.number)]
        assert squash(m.title) == squash(e.title), m.id
        listed = "（" + "、".join(o.name for o in m.bureaus) + "）"
        assert squash(listed) == squash(e.bureaus), m.id


def test_pages(catalogue):
    # the 目次 gives pillar starts 1, 31, 55, 63, 76 and 第2章 at 79
    assert [p.page for p in catalogue.pillars] == [1, 31, 55, 63, 76]
    assert catalogue.chapters[1].page == 79
    assert catalogue.require("1-1-1").page == 1
    assert catalogue.require("1-1-12").page == 4
    assert catalogue.require("1-1-30").page == 8  # printed page number 8 starts here
    assert catalogue.require("2-1").page == 79
    pages = [m.page for m in catalogue.measures]
    assert pages == sorted(pages)
