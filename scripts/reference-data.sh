# Sourced (from the repository root) by the scripts that calibrate and evaluate on the project's reference data in
# ../shared/data: where its parts lie and the steps those scripts share. Not a script to run.
SENSEI=${SENSEI:-./sensei}   # the launcher; set SENSEI to run another build of the CLI
REAL=../shared/data/real
CLEAR=../shared/data/clear/s2cloudmask-wright

# require_reference_data VERB: exits 2 with an error unless ../shared/data is there ("this script VERB the project's
# reference data", e.g. VERB "calibrates on").
require_reference_data() {
  [ -d "$REAL" ] && [ -d "$CLEAR" ] || { echo "error: ../shared/data is missing: this script $1 the project's reference data" >&2; exit 2; }
}

# on_cloud_n_chips DIR N...: DIR (made afresh) is a data set of its own of On Cloud N chips N... (links to the chip
# folders).
on_cloud_n_chips() {
  local dir=$1
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  for i in "$@"; do ln -s "$(cd "$REAL/on-cloud-n/chip_id_$i" && pwd)" "$dir/chip_id_$i"; done
}
