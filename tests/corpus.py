"""A deterministic generated magazine for the whole-site tests: `make_site(root, articles=500)`.

Same arguments, same files, byte for byte: a seeded random.Random, no clock, no hash order. The site
has what a real archive has: Arabic and French articles (many of them translations of each other), tags
spelled several ways, sections and authors, Latin names inside Arabic text, headings, lists, tables,
footnotes, a lead picture beside some articles and links from article to article."""
from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from pathlib import Path

SITE_TOML = '''title = "مجلة المغرب تحت المجهر"
base_url = "https://example.ma/"
default_language = "ar"
timezone = "Africa/Casablanca"
theme = "majalla"
per_page = 10

[languages.ar]
name = "العربية"
dir = "rtl"
locale = "ar_MA"
title = "مجلة المغرب تحت المجهر"

[languages.fr]
name = "Français"
dir = "ltr"
locale = "fr_MA"
title = "Le Maroc sous la loupe"
'''

# Each tag in several spellings a writer really uses: hamza or not, tashkeel, tatweel, Latin case.
AR_TAGS = (
    ("الحماية الاجتماعية", "الحماية الإجتماعية", "الحمـاية الاجتماعية"),
    ("اقتصاد الرعاية", "إقتصاد الرعاية"),
    ("المرأة", "المراة", "الْمَرْأَة"),
    ("الشباب",), ("التعليم",), ("الصحة",), ("الثقافة",), ("كرة القدم",), ("الاستثمار", "الإستثمار"),
    ("الجهوية المتقدمة",), ("السياحة",), ("الفلاحة",), ("التشغيل",), ("الماء",), ("الطاقات المتجددة",),
)
FR_TAGS = (
    ("Protection sociale", "protection sociale"), ("Économie du care", "économie du care"), ("Femmes",),
    ("Jeunesse",), ("Éducation",), ("Santé",), ("Culture",), ("Football",), ("Investissement",),
    ("Régionalisation",), ("Tourisme",), ("Agriculture",), ("Emploi",), ("Eau",), ("Énergies renouvelables",),
)
AR_SECTIONS = ("مجتمع", "اقتصاد", "ثقافة", "رياضة", "سياسة")
FR_SECTIONS = ("Société", "Économie", "Culture", "Sport", "Politique")
AR_AUTHORS = ("سلمى العلوي", "يوسف بنعلي", "مريم الإدريسي", "كريم التازي")
FR_AUTHORS = ("Salma El Alaoui", "Youssef Benali", "Meriem Idrissi", "Karim Tazi")
CITIES = (("الرباط", "Rabat"), ("الدار البيضاء", "Casablanca"), ("فاس", "Fès"), ("طنجة", "Tanger"),
          ("مراكش", "Marrakech"), ("أكادير", "Agadir"))
AR_WORDS = ("أعلنت", "الوزارة", "عن", "برنامج", "جديد", "لدعم", "المشاريع", "الصغيرة", "في", "المدن",
            "والقرى", "وأكد", "المسؤولون", "أن", "الهدف", "هو", "تحسين", "ظروف", "عيش", "الأسر", "وتوفير",
            "فرص", "الشغل", "للشباب", "والنساء", "خلال", "السنوات", "المقبلة")
FR_WORDS = ("le", "ministère", "a", "annoncé", "un", "nouveau", "programme", "de", "soutien", "aux",
            "petites", "entreprises", "dans", "les", "villes", "et", "villages", "selon", "responsables",
            "objectif", "est", "d'améliorer", "conditions", "vie", "des", "familles", "emplois", "jeunes")
LATIN_NAMES = ("Tanger Med", "COP22", "OCP", "Maroc Telecom", "ONCF", "www.hcp.ma")
# A 1x1 transparent PNG: a real picture file for `image:`.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@dataclass(frozen=True)
class Story:
    lang: str
    rel: str  # "2024/06/ar-0001"
    url: str  # "/ar/2024/06/ar-0001/"


def sentence(rng: random.Random, words, n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def paragraph(rng: random.Random, lang: str) -> str:
    words = AR_WORDS if lang == "ar" else FR_WORDS
    parts = [sentence(rng, words, rng.randint(8, 16)) for _ in range(rng.randint(2, 4))]
    if lang == "ar" and rng.random() < 0.5:
        parts.insert(1, f"{rng.choice(LATIN_NAMES)} {sentence(rng, words, 4)}")
    return ". ".join(parts) + "."


def body(rng: random.Random, lang: str, earlier: list[Story]) -> str:
    blocks = [paragraph(rng, lang), paragraph(rng, lang)]
    if rng.random() < 0.5:
        heading = "تفاصيل البرنامج" if lang == "ar" else "Les détails du programme"
        blocks += [f"## {heading}", paragraph(rng, lang)]
        blocks += [f"### {'الأرقام' if lang == 'ar' else 'Les chiffres'}", paragraph(rng, lang)]
    if rng.random() < 0.4:
        blocks.append("\n".join(f"- {sentence(rng, AR_WORDS if lang == 'ar' else FR_WORDS, 5)}" for _ in range(3)))
    if rng.random() < 0.2:
        head = "| الجهة | العدد |" if lang == "ar" else "| Région | Nombre |"
        rows = "\n".join(f"| {rng.choice(CITIES)[0 if lang == 'ar' else 1]} | {rng.randint(10, 9999)} |" for _ in range(3))
        blocks.append(f"{head}\n| --- | ---: |\n{rows}")
    if rng.random() < 0.3:
        blocks.append(paragraph(rng, lang) + "[^1]")
        blocks.append(f"[^1]: {'المصدر' if lang == 'ar' else 'Source'} : {rng.choice(LATIN_NAMES)}.")
    same_lang = [s for s in earlier if s.lang == lang]
    if same_lang and rng.random() < 0.5:
        target = rng.choice(same_lang)
        label = "اقرأ أيضا" if lang == "ar" else "Lire aussi"
        blocks.append(f"{label}: [{sentence(rng, AR_WORDS if lang == 'ar' else FR_WORDS, 4)}]({target.url})")
    return "\n\n".join(blocks) + "\n"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(keys: dict) -> str:
    lines = []
    for key, value in keys.items():
        if isinstance(value, (list, tuple)):
            value = "[" + ", ".join(quoted(v) for v in value) + "]"
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif key != "date":
            value = quoted(str(value))
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def make_site(root: Path, articles: int = 500, seed: int = 7) -> Path:
    """Write a whole site (site.toml, content/ar, content/fr, static/) of `articles` articles into ROOT."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (root / "static").mkdir(exist_ok=True)
    (root / "static" / "robots.txt").write_text("Disallow: /ar/search/\n", encoding="utf-8")
    earlier: list[Story] = []
    arabic: list[Story] = []
    n = 0
    while n < articles:
        translate = arabic and rng.random() < 0.35
        if translate:
            original = arabic.pop(rng.randrange(len(arabic)))
            lang, rel = "fr", original.rel
        else:
            lang = "ar" if rng.random() < 0.7 else "fr"
            year, month, day = rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28)
            rel = f"{year}/{month:02d}/{lang}-{n:04d}"
        year, month, day = int(rel[:4]), int(rel[5:7]), rng.randint(1, 28)
        city = rng.choice(CITIES)
        words = AR_WORDS if lang == "ar" else FR_WORDS
        title = f"{city[0 if lang == 'ar' else 1]}: {sentence(rng, words, rng.randint(4, 9))}"
        keys: dict = {"title": title, "date": f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.6
                      else f"{year}-{month:02d}-{day:02d}T{rng.randint(8, 20):02d}:{rng.choice((0, 15, 30)):02d}:00+01:00"}
        authors = AR_AUTHORS if lang == "ar" else FR_AUTHORS
        keys["author"] = rng.sample(authors, rng.choice((1, 1, 2))) if rng.random() < 0.9 else authors[0]
        keys["dateline"] = city[0 if lang == "ar" else 1]
        if rng.random() < 0.9:
            keys["section"] = rng.choice(AR_SECTIONS if lang == "ar" else FR_SECTIONS)
        pool = AR_TAGS if lang == "ar" else FR_TAGS
        keys["tags"] = [rng.choice(spellings) for spellings in rng.sample(pool, rng.randint(1, 4))]
        folder = root / "content" / lang / rel.rsplit("/", 1)[0]
        folder.mkdir(parents=True, exist_ok=True)
        name = rel.rsplit("/", 1)[1]
        if rng.random() < 0.1:
            keys["image"] = f"{name}.png"
            keys["image_alt"] = "صورة توضيحية" if lang == "ar" else "Photo d'illustration"
            (folder / f"{name}.png").write_bytes(PNG)
        if rng.random() < 0.05:
            keys["featured"] = True
        text = front_matter(keys) + body(rng, lang, earlier)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
        story = Story(lang, rel, f"/{lang}/{rel}/")
        earlier.append(story)
        if lang == "ar" and not translate:
            arabic.append(story)
        n += 1
    return root


if __name__ == "__main__":
    import sys

    make_site(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 500)
