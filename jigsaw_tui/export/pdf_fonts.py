"""The PDF's fonts: which ones, where they come from, which characters need which.

Noto Sans (`fontpkg-noto-sans`) prints Latin, Greek, Cyrillic and Devanagari. For what
it lacks there is a fallback font, each from a package installed with jigsaw (never a
system path), all under the SIL Open Font License 1.1:

- `manimgx-fonts`: Noto Sans Symbols, Noto Emoji (monochrome outlines: they print in
  black and white like the rest of the page), and Noto Sans for the scripts in
  _SCRIPTS, such as Arabic (and Urdu), Hebrew, Bengali, Gurmukhi, Tamil, Ethiopic;
- `pylopdf-fonts-zh-cn`: Noto Sans SC (Chinese, Japanese kana, and symbols such as
  ✓ and ★ that the others lack).

A fallback font is added to a PDF only when the session's text has a character that
needs it, and text shaping (uharfbuzz: joined Arabic letters, Devanagari vowel signs in
place, right-to-left order) is switched on only when a character needs that: a session
in Latin letters costs what it did before. fpdf2 embeds only the glyphs used (subsets),
so the big CJK font adds kilobytes to a PDF, not megabytes. No font here has Korean
(Hangul): it prints as "?", and the footer says so. docs/lid-and-export.md has the rest.
"""

from __future__ import annotations

import functools
import importlib.resources
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Font:
    key: str  # the family name given to fpdf2 (lower case: fpdf2 keys fonts that way)
    package: str
    file: str

    def path(self) -> str:
        return str(importlib.resources.files(self.package) / self.file)


MAIN = Font("noto", "fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf")

_SCRIPTS = ("Arabic", "Hebrew", "Bengali", "Devanagari", "Gurmukhi", "Gujarati", "Tamil",
            "Telugu", "Kannada", "Malayalam", "Oriya", "Sinhala", "Thai", "Lao", "Khmer",
            "Myanmar", "Ethiopic", "Georgian", "Armenian")

# In the order they are tried: the first that has a character prints it. Symbols before
# emoji, so that a symbol typed as text (♀, ☺) prints as text where a font has it so.
FALLBACKS = (
    Font("notosymbols", "manimgx_fonts", "NotoSansSymbols[wght].ttf"),
    Font("notoemoji", "manimgx_fonts", "NotoEmoji[wght].ttf"),
    *(Font("noto" + name.lower(), "manimgx_fonts", f"NotoSans{name}[wght].ttf") for name in _SCRIPTS),
    Font("notosanssc", "pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
)


@functools.cache
def cmap(font: Font) -> frozenset[int]:
    """The characters a font has (read once per process; only the cmap table is parsed)."""
    from fontTools.ttLib import TTFont  # comes with fpdf2

    return frozenset(TTFont(font.path(), lazy=True).getBestCmap())


def fallbacks_for(chars: set[str], main: set[int] | frozenset[int]) -> dict[Font, set[int]]:
    """The fallback fonts that print the characters `main` lacks, in FALLBACKS order,
    each with the characters it is to print (fpdf2 then reads no more of a big font's
    character map than that). The big CJK font is read only for a character none of
    the small fonts has."""
    needed: dict[Font, set[int]] = {}
    for ch in chars:
        code = ord(ch)
        if code in main or not ch.strip():
            continue
        for font in FALLBACKS:
            if code in cmap(font):
                needed.setdefault(font, set()).add(code)
                break
    return {font: needed[font] for font in FALLBACKS if font in needed}


def ignorable(ch: str) -> bool:
    """Joiners, variation selectors, marks and skin tones: nothing to show on their own."""
    return unicodedata.category(ch) in ("Mn", "Me", "Cf", "Sk") or 0xFE00 <= ord(ch) <= 0xFE0F


def needs_shaping(chars: set[str]) -> bool:
    """Whether any character needs the shaping engine: letters that join or reorder
    (Arabic, Devanagari, ...), right-to-left text, combining marks, emoji sequences.
    Latin, Greek and Cyrillic letters and common punctuation and symbols do not."""
    return any(not _simple(ch) for ch in chars)


def _simple(ch: str) -> bool:
    code = ord(ch)
    return (code < 0x0590 or 0x1E00 <= code < 0x2C00) and not unicodedata.category(ch).startswith("M")


def has_ltr_letter(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) == "L" for ch in text)


def clusters(word: str) -> list[str]:
    """`word` cut where a line may break inside it: never before a combining mark
    (a Devanagari vowel sign stays on its letter), a joiner or a variation selector,
    nor after a joiner, nor between the two halves of a flag."""
    out: list[str] = []
    for ch in word:
        if out and (ignorable(ch) or unicodedata.category(ch) == "Mc" or out[-1].endswith("\u200d")
                    or (_regional(ch) and len(out[-1]) == 1 and _regional(out[-1]))):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF
