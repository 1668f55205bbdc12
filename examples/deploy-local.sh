#!/usr/bin/env bash
# npm run deploy:local — the ServerlessProject example with the real Pulumi CLI against the local
# Twilio emulator: a local state backend in a temporary folder, `pulumi up`, a call to the live
# function, `pulumi refresh`, `pulumi destroy`.
set -euo pipefail
cd "$(dirname "$0")/.."

required="3.139.0"
if ! command -v pulumi >/dev/null 2>&1; then
  cat >&2 <<MSG
The Pulumi CLI is not installed (version $required or newer is needed).
Install it: https://www.pulumi.com/docs/install/ (for example: curl -fsSL https://get.pulumi.com | sh),
then run 'npm run deploy:local' again. 'npm run demo' shows the same lifecycle without the CLI.
MSG
  exit 1
fi
version="$(pulumi version | sed 's/^v//')"
if [ "$(printf '%s\n%s\n' "$required" "$version" | sort -V | head -n1)" != "$required" ]; then
  echo "Pulumi CLI $version is too old: this package needs $required or newer (provider configure support)." >&2
  exit 1
fi

work="$(mktemp -d)"
info="$work/emulator.json"
EMULATOR_INFO_FILE="$info" npx tsx test/emulator/cli.ts >"$work/emulator.log" 2>&1 &
emulator=$!
cleanup() { kill "$emulator" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do [ -s "$info" ] && break; sleep 0.1; done
[ -s "$info" ] || { cat "$work/emulator.log" >&2; echo "the emulator did not start" >&2; exit 1; }
field() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]])' "$info" "$1"; }

export PULUMI_BACKEND_URL="file://$work/state"
export PULUMI_CONFIG_PASSPHRASE="local-emulator-only"
mkdir -p "$work/state"
config=(--config-file "$work/Pulumi.local.yaml")

pulumi stack init local --non-interactive >/dev/null
pulumi config set "${config[@]}" twilio:apiKey "$(field apiKey)"
pulumi config set "${config[@]}" --secret twilio:apiSecret "$(field apiSecret)"
pulumi config set "${config[@]}" twilio:serverlessBaseUrl "$(field apiBaseUrl)"
pulumi config set "${config[@]}" twilio:serverlessUploadBaseUrl "$(field uploadBaseUrl)"

pulumi up "${config[@]}" --yes --skip-preview=false
domain="$(pulumi stack output url | sed 's#^https://##')"
echo "GET https://$domain/hello?name=Ada (through the emulator's runtime):"
curl -s "$(field apiBaseUrl)/_runtime/$domain/hello?name=Ada"
echo
pulumi refresh "${config[@]}" --yes
pulumi destroy "${config[@]}" --yes
pulumi stack rm local --yes --force >/dev/null
