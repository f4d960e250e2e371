"""Student-facing text in German (the course language) and English (on request)."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Text:
    """One message in both languages."""

    de: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.de

    def __add__(self, other: Text) -> Text:
        return Text(self.de + other.de, self.en + other.en)

    def sentence(self) -> Text:
        """Ended like a sentence: a full stop added where the text does not end in one (a
        student's exception message), so that the next sentence can follow."""
        return Text(_ended(self.de), _ended(self.en))

    @staticmethod
    def join(parts: list[Text], sep: str = " ") -> Text:
        return Text(sep.join(p.de for p in parts), sep.join(p.en for p in parts))


def _ended(text: str) -> str:
    stripped = text.rstrip()
    return stripped if stripped.endswith((".", "!", "?", ".)")) else stripped + "."
