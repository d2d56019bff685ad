"""Reading speed of the ingest layer on a re-import of many small files.

Writes --files generated articles of about 3.8 KB each (mixed English and simplified /
traditional Chinese news prose made up here from a small vocabulary; most in UTF-8, some in
GB 18030, Big5 or UTF-16, a few news digests) into a temporary folder, then times:

  read_file        aidcurator.ingest.read_file over every file (what an import does per file)
  decode_text      bytes -> str only
  detect_language  on each decoded text
  titles           read_plain_text (digest split + title) on each decoded text

Run: python benchmarks/bench_ingest.py [--files 10000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from aidcurator.ingest import decode_text, detect_language, read_file
from aidcurator.ingest.plain_text import read_plain_text

TARGET_BYTES = 3800

_EN_SUBJECTS = [
    "The provincial aid team",
    "Jiangsu's counterpart support office",
    "A delegation from Shanghai",
    "The county government",
    "Local officials",
    "The new vocational school",
    "Engineers from Guangdong",
    "The hospital in Kashgar",
]
_EN_VERBS = [
    "announced",
    "completed",
    "inspected",
    "allocated",
    "opened",
    "reported on",
    "signed an agreement for",
    "started work on",
]
_EN_OBJECTS = [
    "a {n} million yuan water supply project",
    "{n} new classrooms for rural pupils",
    "a cold-chain logistics centre worth {n} million yuan",
    "the second phase of the textile industrial park",
    "training for {n} herders and farmers",
    "a 12 km road linking {n} villages",
    "housing for {n} families",
    "a solar power station of {n} megawatts",
]
_EN_TAILS = [
    "in Aksu prefecture.",
    "according to the official Xinhua news agency.",
    "as part of this year's plan.",
    "before the end of December.",
    "with funds from the eastern province.",
    "in Turpan, officials said on Tuesday.",
]
_ZH_SIMPLIFIED = (
    "今年江苏省计划实施援疆项目一百二十个，安排资金三亿元，重点用于教育、医疗和就业。"
    "各援助省市要坚持把保障和改善民生放在优先位置，让各族群众有更多获得感和幸福感。"
    "新建的职业技术学校可容纳学生两千人，设有纺织、电子和农业机械等专业。"
    "援建的人民医院新楼正式启用，设有床位三百张，并开设远程会诊中心。"
    "工作组深入乡村调研，了解群众需求，推动产业项目落地见效。"
    "截至十一月底，累计完成投资两亿五千万元，带动就业五千余人。"
)
_ZH_TRADITIONAL = (
    "援助計畫說明會昨日在臺中舉行，主辦單位表示今年將投入經費三億元。"
    "興建學校與醫療站，預計受益民眾超過一萬人，並提供職業訓練課程。"
    "與會代表認為，長期合作可以讓地方產業持續發展，改善偏鄉生活。"
    "香港特區政府與深圳市合作，支援喀什地區興建醫院及學校。"
)
_SOURCES = ["Xin Hua Ri Bao", "Ren Min Ri Bao", "Tian Shan Net", "Zheng Zhou Ri Bao", "Yang Shi Wang"]


def _en_sentence(rng: random.Random) -> str:
    obj = rng.choice(_EN_OBJECTS).format(n=rng.randint(2, 900))
    return f"{rng.choice(_EN_SUBJECTS)} {rng.choice(_EN_VERBS)} {obj} {rng.choice(_EN_TAILS)}"


def _zh_sentence(rng: random.Random, source: str) -> str:
    sentences = [s + "。" for s in source.split("。") if s]
    sentence = rng.choice(sentences)
    return sentence.replace("三", str(rng.randint(2, 99)), 1) if rng.random() < 0.3 else sentence


def _paragraph(rng: random.Random, kind: str) -> str:
    if kind == "en":
        return " ".join(_en_sentence(rng) for _ in range(rng.randint(3, 6)))
    source = _ZH_TRADITIONAL if kind == "zh-hant" else _ZH_SIMPLIFIED
    body = "".join(_zh_sentence(rng, source) for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.3:  # English names and figures inside Chinese reports
        body += f"（{_en_sentence(rng)}）"
    return ("　　" if rng.random() < 0.5 else "") + body


def _title(rng: random.Random, kind: str) -> str:
    if kind == "en":
        return f"{rng.choice(_EN_SUBJECTS)} {rng.choice(_EN_VERBS)} aid projects in Xinjiang"
    source = _ZH_TRADITIONAL if kind == "zh-hant" else _ZH_SIMPLIFIED
    start = rng.randrange(0, len(source) - 20)
    return source[start : start + rng.randint(8, 18)].strip("，。")


def _article(rng: random.Random, kind: str, size: int, digest: bool) -> str:
    lines: list[str] = []
    length = 0
    while True:
        if digest or not lines:
            title = _title(rng, kind)
            prefix = "# " if rng.random() < 0.2 else ""
            lines.append(prefix + title)
            if digest:
                date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
                lines.append(f"{rng.choice(_SOURCES)}· {date}")
            else:
                lines.append("")
        for _ in range(rng.randint(2, 4) if digest else 1):
            lines.append(_paragraph(rng, kind))
            lines.append("")
        length = len("\n".join(lines).encode("utf-8"))
        if length >= size:
            return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 20251206) -> list[Path]:
    """``count`` generated article files in ``folder``; returns their paths."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for number in range(count):
        kind = rng.choices(["en", "zh", "zh-hant"], weights=[45, 45, 10])[0]
        digest = rng.random() < 0.1
        text = _article(rng, kind, int(TARGET_BYTES * rng.uniform(0.8, 1.2)), digest)
        roll = rng.random()
        if kind == "zh" and roll < 0.15:
            data = text.encode("gb18030")
        elif kind == "zh-hant" and roll < 0.3:
            data = text.encode("big5")
        elif roll > 0.97:
            data = text.encode("utf-16")
        elif roll > 0.9:
            data = text.replace("\n", "\r\n").encode("utf-8-sig")
        else:
            data = text.encode("utf-8")
        path = folder / f"{number:05d}_{kind}.{'md' if roll < 0.05 else 'txt'}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _time(label: str, items: list, action: Callable, repeat: int) -> list:
    best = float("inf")
    results: list = []
    for _ in range(repeat):
        start = time.perf_counter()
        results = [action(item) for item in items]
        best = min(best, time.perf_counter() - start)
    per_file = best / len(items) * 1e6
    print(f"  {label:<16} {best:7.3f} s   ({per_file:6.1f} µs per file, best of {repeat})")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        paths = write_corpus(folder, args.files)
        blobs = [p.read_bytes() for p in paths]
        size = sum(len(b) for b in blobs)
        print(f"{len(paths)} files, {size / 1e6:.1f} MB ({size / len(paths):.0f} bytes per file) in {folder}")
        _time("read_file", paths, read_file, args.repeat)
        texts = _time("decode_text", blobs, decode_text, args.repeat)
        _time("detect_language", texts, detect_language, args.repeat)
        _time("titles", texts, read_plain_text, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
