"""Container prestart: migrate the service's database (if it has one) before it starts."""

import sys
from pathlib import Path

from shared.migrations import ROOT, database_url_for, upgrade

if __name__ == "__main__":
    service = sys.argv[1]
    if (Path(ROOT) / "services" / service / "migrations").is_dir():
        upgrade(service, database_url_for(service))
