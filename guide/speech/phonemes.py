"""What espeak-ng really says for a text: its phonemes, and the words it would spell out.

Pronunciations are checked by ear, not by eye: espeak-ng spells a capitalised two-
or three-letter syllable letter by letter, reads some lower-case syllables ("ip",
"ny") as letters too, and reads a lone "A" as the article. These functions ask the
installed espeak-ng library itself (the same phonemes ``espeak-ng -q -x`` prints),
in this process, so checking every entry takes a moment rather than a process per
word. Used by ``immunoguide pronounce`` and by the test of every entry; the live
service never loads the library in the guide's own process.
"""

from __future__ import annotations

import ctypes
import re
from functools import lru_cache

_LIBRARIES = ("libespeak-ng.so.1", "libespeak-ng.1.dylib")
_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_STRESS = re.compile(r"[',;%=_:!]|\s+")
"""Stress, length and pause marks: two readings that differ only in these sound the same letters."""
ARTICLE_PHONEMES = ("a#", "@")
"""How espeak-ng writes the article "a" (heard as "uh")."""


class EspeakMissing(RuntimeError):
    """The espeak-ng library is not installed, so nothing can be checked by ear."""


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    for name in _LIBRARIES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        if lib.espeak_Initialize(_SYNCHRONOUS, 0, None, 0) < 0:
            raise EspeakMissing("espeak-ng could not start (its data folder is missing?)")
        lib.espeak_SetVoiceByName(b"en")  # phonemes need a voice; without one the library crashes
        return lib
    raise EspeakMissing("the espeak-ng library is not installed (sudo apt-get install espeak-ng)")


def set_voice(voice: str) -> None:
    """Use this voice (an espeak-ng voice name such as "en-gb") for the phonemes that follow."""
    _library().espeak_SetVoiceByName(voice.encode())


@lru_cache(maxsize=4096)
def phonemes(text: str) -> str:
    """espeak-ng's phonemes for ``text``, clause by clause joined with " | " (as ``-x`` prints lines)."""
    lib = _library()
    data = ctypes.create_string_buffer(text.encode("utf-8"))
    pointer = ctypes.c_void_p(ctypes.addressof(data))
    clauses: list[str] = []
    while pointer.value:
        out = lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, 0)
        said = (out or b"").decode("utf-8", "replace").strip()
        if said:
            clauses.append(said)
    return " | ".join(clauses)


def _sound(said: str) -> str:
    return _STRESS.sub("", said)


def spelled_words(spoken: str) -> list[str]:
    """Words of two or more letters in ``spoken`` that espeak-ng reads letter by letter.

    A word is spelled out when its phonemes are those of its letters said one by one
    ("ip" and "i p" both give "aIpi:"), or a vowel and "h" said as the vowel's name
    ("ih" is said "eye"). Each word is asked alone, lower-cased as the
    check of capitals is separate (see ``capitalised_words``).
    """
    out = []
    for word in re.findall(r"[^\W\d_]{2,}", spoken):
        lower = word.lower()
        sound = _sound(phonemes(lower))
        if sound == _sound(phonemes(" ".join(lower))) or (
            re.fullmatch(r"[aeiu]h", lower) and sound == _sound(phonemes(lower[0]))
        ):
            out.append(word)
    return out


def capitalised_words(spoken: str) -> list[str]:
    """Words of two or more letters with a capital: in mixed-case text espeak-ng may spell them."""
    return [w for w in re.findall(r"[^\W\d_]{2,}", spoken) if w != w.lower()]


def articles(spoken: str) -> list[str]:
    """The clauses of ``spoken`` in which espeak-ng says the article "uh" (a lone "A" in an acronym)."""
    return [clause for clause in phonemes(spoken).split(" | ")
            if any(_sound(word) in ARTICLE_PHONEMES for word in clause.split())]


def problems(spoken: str) -> list[str]:
    """Why ``spoken`` would not be said as words, one sentence each (empty when it is fine)."""
    found = [f"'{w}' has a capital (write it in lower case)" for w in capitalised_words(spoken)]
    found += [f"'{w}' is spelled out letter by letter" for w in spelled_words(spoken)]
    if articles(spoken) or re.search(r"(?<![\w'])[Aa](?![\w'])", spoken):
        # A lone A may sound right alone ("B C M A") and still be the article once a word follows.
        found.append("a lone A can be read as the article 'uh' (write 'eh' for the letter A)")
    return found
