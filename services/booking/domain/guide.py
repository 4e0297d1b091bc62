"""The booking guide (a simple triage): a need points to a time type, or to calling 112/1177."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Need:
    id: str
    label_sv: str
    label_en: str
    time_types: tuple[str, ...]  # first is the recommendation; empty when the advice is to call
    call: str | None
    advice_sv: str
    advice_en: str


@dataclass(frozen=True)
class Guide:
    intro_sv: str
    intro_en: str
    needs: tuple[Need, ...]

    def need(self, need_id: str) -> Need | None:
        return next((n for n in self.needs if n.id == need_id), None)


def parse_guide(raw: dict[str, Any]) -> Guide:
    """The guide from its document (`guide.yaml`, read by adapters/guide_file.py)."""
    needs = []
    for item in raw["needs"]:
        result = item["result"]
        codes = (result["time_type"], *result.get("alternatives", [])) if "time_type" in result else ()
        needs.append(
            Need(
                id=item["id"],
                label_sv=item["label_sv"],
                label_en=item["label_en"],
                time_types=tuple(codes),
                call=result.get("call"),
                advice_sv=result["advice_sv"].strip(),
                advice_en=result["advice_en"].strip(),
            )
        )
    return Guide(intro_sv=raw.get("intro_sv", "").strip(), intro_en=raw.get("intro_en", "").strip(), needs=tuple(needs))
