"""Social media outputs: Report → long poster and card sets as vector PDF + PNG with alt text.

- :func:`build_poster` (``poster``): auto-height long poster, PNG per density,
  numbered segments when it is taller than a platform allows.
- :func:`build_cards` (``cards``): a card set for one preset in the card grammar (a hero
  of one to three big figures, at most six list items a card), fitted per set (one body
  size, one header height), condensed to the platform's image limit; one PDF page per card.
- :data:`PRESETS` (``presets``): page sizes, safe areas and platform policies.
- :func:`files` (``output``): a result → files and manifest fields (``role: social``).

Names are loaded when first used (PEP 562), so that a build without social
layouts does not import the rasteriser and the card fitting.
"""

import importlib

_HOMES = {
    "build_cards": "cards", "BASE_PX": "fit", "FLOOR_PX": "fit", "FitError": "fit",
    "CardReport": "output", "SocialImage": "output", "SocialOptions": "output", "SocialResult": "output",
    "files": "output", "build_poster": "poster", "CARD_PRESETS": "presets",
    "DEFAULT_CARD_PRESET": "presets", "PRESETS": "presets", "Preset": "presets", "get_preset": "presets",
}


__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = [
    "BASE_PX", "CARD_PRESETS", "CardReport", "DEFAULT_CARD_PRESET", "FLOOR_PX", "FitError", "PRESETS",
    "Preset", "SocialImage", "SocialOptions", "SocialResult", "build_cards", "build_poster", "files",
    "get_preset",
]
