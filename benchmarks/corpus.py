#!/usr/bin/env python3
"""Write a realistic bilingual (Arabic + French) magazine of any size, for benchmarks and scale tests.

    python benchmarks/corpus.py DIR --articles N [--seed 1] [--images]

N articles per language. Deterministic for a seed. What it holds:
  * bodies of 300-1200 words (log-normal), subheads, lists, quotes, links, a table now and then;
    Latin names, figures and URLs inside Arabic paragraphs (mixed directions);
  * 2-6 tags per article, Zipf-distributed over ~300 tags per language, ~5% spelled inconsistently
    (hamza, tatweel, a harakah; case and NFD in French); 10 sections; 40 authors, some pairs;
  * dates over ten years in three forms (offset, local, date only); Arabic slugs for ~30%;
  * ~70% of stories in both languages (translation_key, or the same path); ~1% featured, ~1% drafts,
    ~0.5% scheduled far in the future; with --images a small JPEG lead picture on ~20%.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import math
import random
import re
import unicodedata
from pathlib import Path

import yaml

AR = ("الحكومة الوزارة البرلمان المجلس الجهة المدينة الجماعة المواطنين الشباب النساء الأسر المقاولات الاستثمار "
      "التشغيل الميزانية الاقتصاد التعليم الصحة الثقافة الرياضة البيئة الماء الفلاحة السياحة الصناعة الطاقة "
      "النقل الرقمنة الإدارة القانون الإصلاح البرنامج المشروع الدعم الحماية الاجتماعية التنمية الدراسة التقرير "
      "النتائج المؤشرات السنة المرحلة التحديات الرؤية الشراكة التعاون الاتفاقية الجمعيات المجتمع المدني الخبراء "
      "الباحثون الجامعة المدرسة المستشفى الأطباء المهرجان الكتاب المعرض التراث الذاكرة المنتخب البطولة الملعب "
      "الجمهور السوق الأسعار التضخم النمو البطالة الصادرات الميناء المطار القطار الطريق السكن الأحياء القرى").split()
AR_VERBS = "أعلن أكد أوضح أشار كشف قرر صادق دعا طالب اعتبر أفاد شدد أبرز نظم أطلق استعرض ناقش سجل بلغ ارتفع".split()
AR_GLUE = "في من على إلى مع حول عن ضمن عبر خلال بين بعد قبل لفائدة".split()
FR_SUBJ = ("le gouvernement|la ministre|le conseil régional|la commune|le parlement|la fédération|l'office national|"
           "le Haut-Commissariat au Plan|la Banque centrale|l'association|le syndicat|l'agence urbaine").split("|")
FR_VERB = "a annoncé|a présenté|a lancé|prévoit|soutient|propose|a adopté|finance|a signé|défend|a inauguré".split("|")
FR_OBJ = ("un nouveau programme|la stratégie nationale|un plan d'action|la réforme du secteur|le budget annuel|"
          "les résultats de l'enquête|une convention de partenariat|le projet de loi|la feuille de route|"
          "un fonds de soutien|la politique de l'eau|les investissements publics|le bilan du semestre").split("|")
FR_TAIL = ("dans le cadre de la régionalisation avancée|en faveur des jeunes et des femmes|au profit des populations "
           "rurales|selon un communiqué publié ce matin|lors d'une réunion tenue au siège|à l'horizon 2030").split("|")
LATIN = ["Tanger Med", "OCP", "COP22", "Royal Air Maroc", "UNICEF", "2021-2026", "12,4 %", "www.hcp.ma", "ISO 9001"]
CITIES = [("الرباط", "Rabat"), ("الدار البيضاء", "Casablanca"), ("طنجة", "Tanger"), ("فاس", "Fès"),
          ("مراكش", "Marrakech"), ("أكادير", "Agadir"), ("وجدة", "Oujda"), ("تطوان", "Tétouan")]
SECTIONS = [("سياسة", "Politique"), ("اقتصاد", "Économie"), ("مجتمع", "Société"), ("ثقافة", "Culture"),
            ("رياضة", "Sport"), ("دولي", "International"), ("جهات", "Régions"), ("رأي", "Opinion"),
            ("تكنولوجيا", "Technologie"), ("بيئة", "Environnement")]
TOPICS = [("الحماية الاجتماعية", "protection sociale"), ("اقتصاد الرعاية", "économie du care"),
          ("الاستثمار", "investissement"), ("التعليم", "éducation"), ("الصحة", "santé"), ("السياحة", "tourisme"),
          ("الفلاحة", "agriculture"), ("الماء", "eau"), ("الجفاف", "sécheresse"), ("الطاقات المتجددة", "énergies renouvelables"),
          ("الأمن", "sécurité"), ("الإسكان", "logement"), ("الإعلام", "médias"), ("الانتخابات", "élections"),
          ("الأسرة", "famille"), ("المرأة", "femmes"), ("الشباب", "jeunesse"), ("التشغيل", "emploi"),
          ("الأسعار", "prix"), ("الرقمنة", "numérique"), ("الهجرة", "migration"), ("كرة القدم", "football"),
          ("السينما", "cinéma"), ("التراث", "patrimoine"), ("الأمازيغية", "amazighe"), ("المناخ", "climat"),
          ("النقل", "transport"), ("القضاء", "justice"), ("البرلمان", "parlement"), ("إفريقيا", "Afrique")]
PEOPLE = [("محمد", "Mohammed"), ("فاطمة", "Fatima"), ("يوسف", "Youssef"), ("سعاد", "Souad"), ("كريم", "Karim"),
          ("نادية", "Nadia"), ("عمر", "Omar"), ("ليلى", "Leila")]
FAMILIES = [("العلوي", "El Alaoui"), ("بناني", "Bennani"), ("التازي", "Tazi"), ("الإدريسي", "El Idrissi"),
            ("برادة", "Berrada")]
SITE_TOML = '''title = "مجلة المغرب تحت المجهر"
base_url = "https://example.ma/"
default_language = "ar"
timezone = "Africa/Casablanca"
theme = "majalla"
per_page = 12

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


class Writer:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        pairs = [(t, c) for t in range(len(TOPICS)) for c in range(len(CITIES))]
        self.r.shuffle(pairs)
        self.tags = TOPICS + [(f"{TOPICS[t][0]} ب{CITIES[c][0]}", f"{TOPICS[t][1]} à {CITIES[c][1]}")
                              for t, c in pairs[: 300 - len(TOPICS)]]
        self.authors = [(f"{g[0]} {f[0]}", f"{g[1]} {f[1]}") for g in PEOPLE for f in FAMILIES]
        self.weights = list(itertools.accumulate(1 / (i + 1) ** 0.9 for i in range(len(self.tags))))

    def zipf(self) -> int:
        return self.r.choices(range(len(self.tags)), cum_weights=self.weights)[0]

    def sentence(self, lang: str, mixed: bool = False) -> str:
        r = self.r
        if lang == "fr":
            s = f"{r.choice(FR_SUBJ)} {r.choice(FR_VERB)} {r.choice(FR_OBJ)} {r.choice(FR_TAIL)}"
            return s[0].upper() + s[1:] + "."
        words = [r.choice(AR_VERBS), *r.choices(AR, k=r.randint(2, 4))]
        for _ in range(r.randint(1, 3)):
            words += [r.choice(AR_GLUE), *r.choices(AR, k=r.randint(1, 3))]
        if mixed:
            words.insert(r.randint(1, len(words) - 1), r.choice(LATIN))
        return " ".join(words) + "."

    def body(self, lang: str, earlier: list[str] = ()) -> str:
        """An article's Markdown; `earlier`: site paths of articles already written, to link some of them."""
        r = self.r
        total = int(min(1150, max(300, r.lognormvariate(math.log(600), 0.4))))
        blocks, n = [], 0
        while n < total:
            if blocks and len(blocks) % 4 == 0 and r.random() < 0.6:
                blocks.append("## " + (" ".join(r.choices(AR, k=3)) if lang == "ar" else r.choice(FR_OBJ).capitalize()))
            elif len(blocks) > 1 and r.random() < 0.08:
                blocks.append("\n".join(f"- {self.sentence(lang)}" for _ in range(r.randint(3, 5))))
            elif len(blocks) > 1 and r.random() < 0.08:
                blocks.append(f"> «{self.sentence(lang)}»")
            elif len(blocks) > 1 and r.random() < 0.02:
                rows = [f"| {c[0 if lang == 'ar' else 1]} | {r.randint(100, 99999)} |" for c in r.sample(CITIES, 4)]
                blocks.append("\n".join(["| الجهة | العدد |" if lang == "ar" else "| Région | Nombre |", "| --- | ---: |", *rows]))
            else:
                mixed = lang == "ar" and r.random() < 0.1
                para = " ".join(self.sentence(lang, mixed and i == 0) for i in range(r.randint(3, 7)))
                if r.random() < 0.2:
                    para += f" [{'المزيد' if lang == 'ar' else 'en savoir plus'}](https://example.org/{lang}/{r.randint(1, 999)})"
                blocks.append(para)
            n += len(blocks[-1].split())
        if earlier and r.random() < 0.15:  # a link to an earlier story of the magazine
            blocks.append(f"[{'اقرأ أيضا' if lang == 'ar' else 'Lire aussi'}]({r.choice(earlier)})")
        if r.random() < 0.05:  # a footnote
            blocks[0] += "[^1]"
            blocks.append(f"[^1]: {self.sentence(lang)}")
        return "\n\n".join(blocks) + "\n"

    def misspell(self, tag: str, lang: str) -> str:
        r = self.r
        if lang == "fr":
            return r.choice([unicodedata.normalize("NFD", tag), tag.capitalize(), tag.upper()])
        if any(c in tag for c in "أإآ"):
            return tag.translate(str.maketrans("أإآ", "ااا"))
        if "الا" in tag:
            return tag.replace("الا", "الإ", 1)
        i = r.randrange(1, max(2, len(tag) - 1))
        return tag[:i] + r.choice(["ـ", "\u064e", "\u0650"]) + tag[i:] if tag[i - 1] != " " else tag


def latin_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.sub(r"[^a-z0-9]+", " ", plain).split()[:6])


TINY_JPEG_SIZE = (320, 180)


def tiny_jpeg(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", TINY_JPEG_SIZE, ((seed * 37) % 255, (seed * 91) % 255, 140))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def write(out: Path, n: int, seed: int = 1, images: bool = False) -> dict:
    w = Writer(seed)
    r = w.r
    earlier: dict = {"ar": [], "fr": []}  # site paths of latin-named articles written so far, per language
    out.mkdir(parents=True, exist_ok=True)
    (out / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    pairs = round(n * 0.7)
    stories = [("ar", "fr")] * pairs + [("ar",)] * (n - pairs) + [("fr",)] * (n - pairs)
    end, used = dt.datetime(2025, 12, 31, 22), set()  # before the clock of the tests (2026-01-01)
    for i, langs in enumerate(stories):
        when = (end - dt.timedelta(days=r.uniform(0, 3652))).replace(hour=r.randint(6, 21), second=0, microsecond=0)
        if r.random() < 0.005:
            when = when.replace(year=2099, day=min(when.day, 28))
        city, section = r.choice(CITIES), SECTIONS[min(int(r.paretovariate(1.2)) - 1, 9)]
        authors = [r.choice(w.authors) for _ in range(2 if r.random() < 0.04 else 1)]
        tags = list(dict.fromkeys(w.zipf() for _ in range(r.randint(2, 6))))
        flags = {k: True for k, p in (("featured", 0.01), ("draft", 0.01)) if r.random() < p}
        style, headline_fr = r.random(), w.sentence("fr")[:-1]
        slug = latin_slug(headline_fr) or f"story-{i}"
        folder = f"{when:%Y}/{when:%m}"
        same_path = len(langs) == 2 and r.random() < 0.1
        picture = images and r.random() < 0.2
        name = slug
        k = 2
        while (folder, name) in used:
            name, k = f"{slug}-{k}", k + 1
        used.add((folder, name))
        for lang in langs:
            L = 0 if lang == "ar" else 1
            title = f"{city[0]}: {w.sentence('ar')[:-1]}" if lang == "ar" else f"{city[1]} : {headline_fr}"
            meta = {"title": title}
            file_name = name
            if lang == "ar" and not same_path and r.random() < 0.3:
                arabic = "-".join(title.split(": ", 1)[1].split()[:5])
                if r.random() < 0.6:
                    file_name = f"{arabic}-{i}"
                else:
                    meta["slug"] = f"{arabic}-{i}"
            names = [a[L] for a in authors]
            meta["author"] = names[0] if len(names) == 1 else names
            if r.random() < 0.8:
                meta["dateline"] = city[L]
            meta["section"] = section[L]
            meta["tags"] = [w.misspell(w.tags[t][L], lang) if r.random() < 0.05 else w.tags[t][L] for t in tags]
            if len(langs) == 2 and not same_path:
                meta["translation_key"] = f"story-{i}"
            if r.random() < 0.5:
                meta["summary"] = w.sentence(lang)
            if picture:
                meta.update(image=f"{file_name}.jpg", image_alt=title)
            meta.update(flags)
            date = when + dt.timedelta(minutes=30 * L)
            text = (date.strftime("%Y-%m-%dT%H:%M:%S+01:00") if style < 0.8 else
                    date.strftime("%Y-%m-%d %H:%M:%S") if style < 0.9 else date.strftime("%Y-%m-%d"))
            head = yaml.safe_dump({"title": meta.pop("title")}, allow_unicode=True, width=10**6)
            rest = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
            path = out / "content" / lang / folder / f"{file_name}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\n{head}date: {text}\n{rest}---\n{w.body(lang, earlier[lang])}", encoding="utf-8")
            if file_name == name and "slug" not in meta and when.year < 2099 and "draft" not in meta:
                earlier[lang].append(f"/{lang}/{date:%Y}/{date:%m}/{name}/")
            if picture:
                path.with_suffix(".jpg").write_bytes(tiny_jpeg(i))
    return {"articles_per_language": n, "pairs": pairs}


def make_site(root: Path, articles: int = 500, seed: int = 7) -> Path:
    """A whole site of `articles` articles in all (half per language), pictures included: for the tests."""
    write(root, max(1, articles // 2), seed, images=True)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, required=True, help="articles per language")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--images", action="store_true")
    args = parser.parse_args()
    print(write(args.out, args.articles, args.seed, args.images))


if __name__ == "__main__":
    main()
