"""What the editor's tests share: a site's sections, titles whose slug is easy to get wrong, a JPEG."""
from __future__ import annotations

import io

from PIL import Image

SECTIONS = '''
[sections]
economy = { ar = "اقتصاد", fr = "Économie" }
culture = { ar = "ثقافة", fr = "Culture" }
'''
# Titles whose slug is easy to get wrong: tashkeel, tatweel, guillemets, the Arabic comma, apostrophes, accents,
# underscores, digits of both scripts, ligatures (NFKC), a Turkish dotted I, a title of punctuation only, and
# titles long enough to be cut at 200 bytes.
TITLES = [
    "الرِّباط: «Tanger Med» يُحطِّم الرقم القياسي",
    "Tanger Med : test de l'éditeur",
    "مـــدرسة ٱلْمَدْرَسَةُ، في مكناس؟",
    "L’économie du care — « enfin » reconnue",
    "COP22_Marrakech 2016 ٢٠٢٤",
    "ﷺ ﬁnance ﬀ Ⅻ ①",
    "İstanbul ΣΑΣ Straße",
    "«»،؛؟!…",
    "",
    "ا" * 120,
    "كلمة " * 45,
    "mot-" * 70,
    "a" * 199 + "é",
]


def jpeg(color=(200, 80, 40), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()
