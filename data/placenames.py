"""Place-name slugs shared by the derivation scripts (standard library only)."""
import re
import unicodedata

# Letters that Unicode NFKD does not decompose into ASCII.
_EXTRA_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ı": "i", "İ": "I", "đ": "d", "Đ": "D",
        "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
        "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h",
        "Ħ": "H",
    }
)
# Apostrophe-like characters are dropped so "Xi'an" -> "xian".
_APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")


def slugify(text: str) -> str:
    """ASCII kebab-case slug of a place name ('' if nothing is left)."""
    text = _APOSTROPHES.sub("", text.translate(_EXTRA_FOLD))
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
