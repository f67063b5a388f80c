#!/usr/bin/env python3
"""Perturbation suite for divergence scoring: inject known changes into either side of the
seed pair and check that aligner flags each one at the right pair with the right kind.

Each case edits the raw text (exact string replacements, so the injected change is known),
re-runs the whole weight-free pipeline (segment, align, score; MT off) and compares the flags
with those of the unperturbed run:

* a case is *detected* when a new flag of an expected kind sits on the pair whose text holds
  the case's `at` snippet (recall = detected / cases);
* every other new flag is a false alarm (precision = detected / (detected + false alarms)).

Flags are matched between runs by (kind, flagged SRC text, flagged TGT text), which does not
depend on sentence ids, so a dropped or inserted sentence does not turn every later flag
into a "new" one.

Usage:  .venv/bin/python scripts/perturb_eval.py [--json] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SRC_FILE, TGT_FILE = "004_5d1a5c883e097dad.txt", "000_8651993bf27eba2a.txt"

Edit = tuple[str, str, str]  # (side, old, new): replace exactly one occurrence of `old`

# A number both sides carry (the perturbation then changes it on one side only).
WITH_NUMBER: tuple[Edit, ...] = (
    ("src", "эмбарго на поставки редкоземельных", "эмбарго на поставки 17 редкоземельных"),
    ("tgt", "بفرض حظر على العناصر الأرضية النادرة", "بفرض حظر على 17 من العناصر الأرضية النادرة"),
)

# A percentage both sides carry.
WITH_PERCENT: tuple[Edit, ...] = (
    ("src", "что нанесло удар по японской промышленности", "что нанесло удар по 40% японской промышленности"),
    ("tgt", "مما وجه ضربة قوية للصناعة اليابانية", "مما وجه ضربة قوية لنحو 40% من الصناعة اليابانية"),
)

# Sentences from other Arabic articles (seeds/001, seeds/002) and ones written for this suite.
FOREIGN_AR = "وعلى رغم تضاعف الأنشطة العسكرية الروسية على الحدود اليابانية، لا يبدو أن طوكيو تعتبر روسيا تهديداً."
FOREIGN_AR2 = "ويمكن اعتبار خطة فتح مكتب اتصال لحلف شمال الأطلسي في طوكيو خطوة مناسبة في سياق رفع التعاون الأمني بين الجانبين في الوضع الجديد."
FOREIGN_RU = "Накануне в Осаке прошел фестиваль уличной еды, который посетили более 40 тысяч человек."
FOREIGN_RU2 = "Тем временем авиакомпания ANA объявила о запуске прямых рейсов между Саппоро и Владивостоком с лета."


@dataclass(frozen=True)
class Case:
    """One injected change: edits on top of `base`, the kinds that count as a hit and the
    snippet (`at_side`, `at`) that identifies the pair where the flag must sit."""

    name: str
    edits: tuple[Edit, ...]
    kinds: frozenset[str]
    at_side: str
    at: str
    base: tuple[Edit, ...] = ()


def _k(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


CASES: tuple[Case, ...] = (
    Case("year-tgt", (("tgt", "أكتوبر 2025", "أكتوبر 2024"),), _k("date"), "src", "в октябре 2025"),
    Case("year-src", (("src", "в марте 2022 года", "в марте 2021 года"),), _k("date"), "tgt", "مارس/آذار 2022"),
    Case("month-tgt", (("tgt", "يناير/كانون الثاني 2026", "فبراير/شباط 2026"),), _k("date"), "src", "в январе 2026"),
    Case("month-src", (("src", "в октябре 2025", "в ноябре 2025"),), _k("date"), "tgt", "أكتوبر 2025"),
    Case("number-tgt", (("tgt", "على 17 من", "على 19 من"),), _k("number"), "src", "17 редкоземельных", WITH_NUMBER),
    Case("number-src", (("src", "поставки 17", "поставки 170"),), _k("number"), "tgt", "17 من العناصر", WITH_NUMBER),
    Case("name-tgt", (("tgt", "دونالد ترامب", "جو بايدن"),), _k("name"), "src", "Дональда Трампа"),
    # the ambassador is also the speaker of his sentence: 'speaker differs' is as right as 'name'
    Case("name-src", (("src", "Николай Ноздрев", "Сергей Лавров"),), _k("name", "attribution"), "tgt", "نيكولاي نوزدريف"),
    Case(
        "drop-tgt",
        (("tgt", " ومع ذلك، تظل تصريحات طوكيو الرسمية متناقضة: فالخطاب حول الرغبة في التوصل إلى معاهدة سلام يقترن بضغوط العقوبات المستمرة.", ""),),
        _k("omission"),
        "src",
        "Впрочем, официальные заявления",
    ),
    Case(
        "drop-src",
        (("src", "Вторым и, возможно, более весомым фактором стало резкое обострение отношений Японии с Китаем. ", ""),),
        _k("addition"),
        "tgt",
        "أما العامل الثاني",
    ),
    Case(
        "insert-tgt",
        (("tgt", "مما وجه ضربة قوية للصناعة اليابانية.", "مما وجه ضربة قوية للصناعة اليابانية. " + FOREIGN_AR),),
        _k("addition"),
        "tgt",
        FOREIGN_AR[:30],
    ),
    Case(
        "insert-src",
        (("src", "по японской промышленности.", "по японской промышленности. " + FOREIGN_RU),),
        _k("omission"),
        "src",
        FOREIGN_RU[:30],
    ),
    Case("attribution-tgt", (("tgt", "ووفقا لهذا الخبير، ", ""),), _k("attribution"), "src", "по мнению эксперта"),
    Case("attribution-src", (("src", "Как отмечает Нагоси, Вашингтон", "Вашингтон"),), _k("attribution"), "tgt", "وكما يشير ناغوشي"),
    Case("quote-tgt", (("tgt", "“العودة إلى النزعة العسكرية”", "العودة إلى النزعة العسكرية"),), _k("quote"), "src", "возвращением к милитаризму"),
    Case("quote-src", (("src", "«странной оторванной от реальности»", "странной оторванной от реальности"),), _k("quote"), "tgt", "بعيد بشكل غريب"),
    # second instances, at other places in the article
    Case("year-tgt-2", (("tgt", "مارس/آذار 2022", "مارس/آذار 2023"),), _k("date"), "src", "в марте 2022"),
    Case("year-src-2", (("src", "в январе 2026 года", "в январе 2027 года"),), _k("date"), "tgt", "يناير/كانون الثاني 2026"),
    Case("month-tgt-2", (("tgt", "أكتوبر 2025", "سبتمبر 2025"),), _k("date"), "src", "в октябре 2025"),
    Case("month-src-2", (("src", "в марте 2022 года", "в мае 2022 года"),), _k("date"), "tgt", "مارس/آذار 2022"),
    Case("percent-tgt", (("tgt", "لنحو 40%", "لنحو 45%"),), _k("number"), "src", "40% японской", WITH_PERCENT),
    Case("percent-src", (("src", "по 40%", "по 14%"),), _k("number"), "tgt", "40% من الصناعة", WITH_PERCENT),
    Case("name-tgt-2", (("tgt", "شينزو آبي", "يوشيهيدي سوغا"),), _k("name"), "src", "Синдзо Абэ"),
    Case("name-src-2", (("src", "Фумио Кисиды", "Ёсихидэ Суги"),), _k("name"), "tgt", "فوميو كيشيدا"),
    Case(
        "drop-tgt-2",
        ((("tgt", " في هذه الأثناء، لا ترى موسكو أي سبب لاستئناف عملية التفاوض، التي تم تجميدها بعد بدء عملية عسكرية خاصة.", "")),),
        _k("omission"),
        "src",
        "Пока же Москва не видит",
    ),
    Case(
        "drop-src-2",
        (("src", " В Пекине действия Такаити называют «возвращением к милитаризму».", ""),),
        _k("addition"),
        "tgt",
        "في بكين، وصفت تصرفات",
    ),
    Case(
        "insert-tgt-2",
        (("tgt", "في اتجاه إيجابي.", "في اتجاه إيجابي. " + FOREIGN_AR2),),
        _k("addition"),
        "tgt",
        FOREIGN_AR2[:30],
    ),
    Case(
        "insert-src-2",
        (("src", "к «послевоенному периоду».", "к «послевоенному периоду». " + FOREIGN_RU2),),
        _k("omission"),
        "src",
        FOREIGN_RU2[:30],
    ),
    Case("attribution-tgt-2", (("tgt", "كما تشير المصادر الدبلوماسية، ", ""),), _k("attribution"), "src", "как отмечают дипломатические источники"),
    Case("attribution-src-2", (("src", ", полагает Нагоси,", ""),), _k("attribution"), "tgt", "يرى ناغوشي"),
    Case("speaker-tgt", (("tgt", "وكما يشير ناغوشي", "وكما يشير كيشيدا"),), _k("attribution"), "src", "Как отмечает Нагоси"),
    Case("speaker-src", (("src", "полагает Нагоси", "полагает Кисида"),), _k("attribution"), "tgt", "يرى ناغوشي"),
    Case("quote-tgt-2", (("tgt", "“بعيد بشكل غريب عن الواقع”", "بعيد بشكل غريب عن الواقع"),), _k("quote"), "src", "странной оторванной"),
    # controls: faithful rewordings that must raise no new flag
    Case("control-month-name", (("tgt", "أكتوبر 2025", "تشرين الأول 2025"),), _k(), "tgt", ""),
    Case("control-year-abbrev", (("src", "в октябре 2025 года", "в октябре 2025 г."),), _k(), "src", ""),
    Case("control-country", (("tgt", "بالولايات المتحدة", "بأمريكا"),), _k(), "tgt", ""),
    Case("control-pronoun", (("tgt", "ووفقا لهذا الخبير،", "ووفقا له،"),), _k(), "tgt", ""),
    Case("control-paragraphs", (("tgt", "الأخيرة", "الأخيرة"), ("src", "\n\nОднако, как", " Однако, как")), _k(), "tgt", ""),
)


@dataclass
class CaseResult:
    name: str
    detected: bool
    false_alarms: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)


@dataclass
class SuiteResult:
    cases: list[CaseResult]

    @property
    def detected(self) -> int:
        return sum(c.detected for c in self.cases)

    @property
    def false_alarms(self) -> int:
        return sum(len(c.false_alarms) for c in self.cases)

    @property
    def injected(self) -> list[CaseResult]:
        """Cases with an injected divergence (the rest are controls: faithful rewordings)."""
        return [c for c in self.cases if not c.name.startswith("control-")]

    @property
    def recall(self) -> float:
        return self.detected / len(self.injected) if self.injected else 0.0

    @property
    def precision(self) -> float:
        hits = self.detected + self.false_alarms
        return self.detected / hits if hits else 1.0

    def to_dict(self) -> dict:
        return {
            "cases": len(self.cases),
            "injected": len(self.injected),
            "detected": self.detected,
            "false_alarms": self.false_alarms,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "per_case": [c.__dict__ for c in self.cases],
        }


def apply(texts: dict[str, str], edits: tuple[Edit, ...]) -> dict[str, str]:
    out = dict(texts)
    for side, old, new in edits:
        if out[side].count(old) != 1:
            raise ValueError(f"edit target must occur exactly once on {side}: {old[:40]!r}")
        out[side] = out[side].replace(old, new)
    return out


def run_pipeline(texts: dict[str, str]):
    """Weight-free comparison of two texts (segment, align, score; MT off)."""
    from aligner.compare import CompareOptions, compare_documents
    from aligner.segment import segment
    from aligner.translate import MTOptions

    src = segment(texts["src"], "ru")
    tgt = segment(texts["tgt"], "ar")
    return compare_documents(src, tgt, CompareOptions(src_lang="ru", tgt_lang="ar", mt=MTOptions(mode="off")))


def signatures(comparison) -> Counter:
    """Flags keyed by what they point at, independent of sentence ids."""
    sig: Counter = Counter()
    for p in comparison.pairs:
        for f in p.flags:
            sig[_sig(comparison, f)] += 1
    return sig


def _sig(comparison, f) -> tuple[str, str, str]:
    s = comparison.src.text[f.src_span[0] : f.src_span[1]] if f.src_span else ""
    t = comparison.tgt.text[f.tgt_span[0] : f.tgt_span[1]] if f.tgt_span else ""
    return (f.kind, s, t)


def run_case(case: Case, seed: dict[str, str], baselines: dict) -> CaseResult:
    base_texts = apply(seed, case.base)
    if case.base not in baselines:
        baselines[case.base] = signatures(run_pipeline(base_texts))
    before = Counter(baselines[case.base])
    comparison = run_pipeline(apply(base_texts, case.edits))
    result = CaseResult(case.name, False)
    for p in comparison.pairs:
        at_pair = case.at in (p.src_text if case.at_side == "src" else p.tgt_text)
        for f in p.flags:
            sig = _sig(comparison, f)
            if before[sig] > 0:
                before[sig] -= 1
                continue
            label = f"{f.kind}: {f.detail}"
            if at_pair and f.kind in case.kinds:
                result.detected = True
                result.found.append(label)
            elif at_pair and f.kind in case.kinds | {"length"}:
                result.found.append(label)  # a second symptom of the same change, not a false alarm
            else:
                result.false_alarms.append(label)
    return result


def run_suite(cases: tuple[Case, ...] = CASES) -> SuiteResult:
    seed = {
        "src": (SEEDS / SRC_FILE).read_text(encoding="utf-8"),
        "tgt": (SEEDS / TGT_FILE).read_text(encoding="utf-8"),
    }
    baselines: dict = {}
    return SuiteResult([run_case(c, seed, baselines) for c in cases])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the flags of each case")
    args = ap.parse_args(argv)
    res = run_suite()
    if args.json:
        print(json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
        return 0
    for c in res.cases:
        control = c.name.startswith("control-")
        mark = "ok  " if (c.detected or control) and not c.false_alarms else ("FA  " if c.false_alarms else "MISS")
        print(f"{mark} {c.name:16} found={len(c.found)} false_alarms={len(c.false_alarms)}")
        if args.verbose or not c.detected or c.false_alarms:
            for x in c.found:
                print(f"       + {x}")
            for x in c.false_alarms:
                print(f"       ! {x}")
    print(
        f"\n{len(res.injected)} injected changes + {len(res.cases) - len(res.injected)} controls: "
        f"recall {res.recall:.2f} ({res.detected}/{len(res.injected)}), "
        f"precision {res.precision:.2f} ({res.false_alarms} false alarms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
