#!/usr/bin/env bash
# Start the built-in Studio emulator in the background on $STUDIO_PORT and wait until it answers.
set -euo pipefail
log="${RUNNER_TEMP:-/tmp}/studio-emulator.log"
nohup node dist/cli.js emulator --port "$STUDIO_PORT" --seed examples/live >"$log" 2>&1 &
echo $! >"${RUNNER_TEMP:-/tmp}/studio-emulator.pid"
for _ in $(seq 100); do
  if grep -q "listening" "$log" 2>/dev/null; then cat "$log"; exit 0; fi
  sleep 0.1
done
echo "The emulator did not start:" >&2
cat "$log" >&2
exit 1
