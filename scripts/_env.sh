# Shared by scripts/demo and scripts/test: make (or reuse) the project's virtual environment.
# Needs only python3 >= 3.11 with venv; everything else comes from PyPI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ALIGNER_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "scripts: creating virtual environment in $VENV" >&2
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
install_project() {  # $1: extras, e.g. "test" or ""
  local spec="$ROOT"
  [ -n "${1:-}" ] && spec="$ROOT[$1]"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
}
