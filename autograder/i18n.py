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

    @staticmethod
    def join(parts: list[Text], sep: str = " ") -> Text:
        return Text(sep.join(p.de for p in parts), sep.join(p.en for p in parts))
