"""`JsonAnswer`: a JSON response rendered by orjson.

Starlette's `JSONResponse` goes through the standard library's encoder: about 130 µs for a page of
40 times here, against under 10 µs for orjson (docs/benchmarks.md, round two, step 6). Where an
endpoint already builds its answer in the documented shape (search, booking, problems), this
renders it. The output is the same compact UTF-8 JSON; orjson also accepts datetimes and UUIDs,
and writes a non-finite float as null where the standard encoder would refuse it.
"""

from typing import Any

import orjson
from starlette.responses import JSONResponse


class JsonAnswer(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
