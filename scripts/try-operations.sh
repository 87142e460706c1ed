#!/usr/bin/env bash
# The whole flow of free provision over the API, on demo data: a doctor registers a new patient
# and puts them on the dispensary register, the commission decides, the doctor prescribes (the
# engine refuses until the register holds what the list requires), a pharmacist finds the
# prescription by IIN and dispenses it in two parts, and the auditor verifies the audit chain.
#
#   npx tegin demo                      # once, on an empty database (prints the demo accounts)
#   bash scripts/try-operations.sh      # mints bearer tokens, starts the server, runs the flow
#
# Uses TEGIN_DB_DIR / DATABASE_URL like every command; needs curl and node. Nobody here is real.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-3100}"
BASE="http://127.0.0.1:$PORT/api/v1"
# Today in Kazakhstan (UTC+5), as the server counts it.
TODAY="$(node -e "console.log(new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10))")"
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log($1)})"; }
token() { npx tegin users token "$1" --hours 2 --json | json 'v.token'; }

echo "== bearer tokens for the demo staff (the CLI works on the database while the server is stopped)"
DOCTOR="$(token doctor1.kz27)"; COMMISSION="$(token commission.kz27)"
PHARMACIST="$(token pharmacist1.kz27)"; AUDITOR="$(token auditor.kz27)"

echo "== npm start on port $PORT"
PORT="$PORT" node bin/server.js >/tmp/tegin-try.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.5; done

call() { # call TOKEN METHOD PATH [BODY] [extra curl args…]
  local who="$1" method="$2" path="$3" body="${4:-}"; shift 4 || shift $#
  curl -s -X "$method" -H "Authorization: Bearer $who" -H 'content-type: application/json' \
    ${body:+-d "$body"} "$@" "$BASE$path"
}

echo "== the doctor registers a child (synthetic IIN) attached to KZ-27/POLY-1"
IIN=120311500018
PATIENT="$(call "$DOCTOR" POST /ops/patients "{\"iin\":\"$IIN\",\"familyName\":\"Сынақов\",\"givenName\":\"Әлихан\",\"birthDate\":\"2012-03-11\",\"sex\":\"male\",\"citizenship\":\"KZ\",\"organisation\":\"KZ-27/POLY-1\",\"from\":\"$TODAY\"}" | json 'v.id')"
echo "patient $PATIENT"

RX="{\"patientId\":\"$PATIENT\",\"organisation\":\"KZ-27/POLY-1\",\"icd10\":\"G80.1\",\"product\":{\"inn\":\"botulinum toxin type a\"},\"quantity\":2,\"unit\":\"vial\",\"dosing\":\"by the neurologist\",\"daysOfSupply\":30,\"issuedOn\":\"$TODAY\"}"
echo "== a prescription before the register holds anything: refused, naming what to record"
call "$DOCTOR" POST /ops/prescriptions "$RX" | json 'v.status + " " + v.code + ": " + v.detail'

echo "== registration (G80.1) and the commission's decision"
call "$DOCTOR" POST /ops/registrations "{\"patientId\":\"$PATIENT\",\"icd10\":\"G80.1\",\"organisation\":\"KZ-27/POLY-1\",\"from\":\"$TODAY\",\"basis\":\"conclusion No 1 (try)\",\"confirmed\":true}" | json '"registration " + v.id'
call "$COMMISSION" POST /ops/commission-decisions "{\"patientId\":\"$PATIENT\",\"organisation\":\"KZ-27/HOSP-1\",\"protocolNumber\":\"1-try\",\"protocolDate\":\"$TODAY\",\"icd10\":\"G80.1\",\"inns\":[\"botulinum toxin type a\"],\"validFrom\":\"$TODAY\",\"validTo\":null}" | json '"decision " + v.id'

echo "== the prescription, now issued and signed, with its legal basis frozen in"
ISSUED="$(call "$DOCTOR" POST /ops/prescriptions "$RX")"
echo "$ISSUED" | json 'v.number + " valid " + v.validFrom + ".." + v.validTo + " — " + v.basis.citation.text.en'
PRESCRIPTION="$(echo "$ISSUED" | json 'v.id')"

echo "== the pharmacist finds it by IIN (in the body) and dispenses 1, then the rest"
call "$PHARMACIST" POST /ops/dispensing/find "{\"pharmacy\":\"KZ-27/PHARM-1\",\"on\":\"$TODAY\",\"iin\":\"$IIN\"}" | json 'v.prescriptions.map((p) => p.prescription.number + " left " + p.remaining).join(", ")'
for part in 1 1; do
  call "$PHARMACIST" POST /ops/dispenses "{\"prescriptionId\":\"$PRESCRIPTION\",\"pharmacy\":\"KZ-27/PHARM-1\",\"quantity\":$part,\"lot\":\"L-TRY\",\"expiry\":\"2028-01-31\",\"dispensedOn\":\"$TODAY\"}" \
    -H "Idempotency-Key: try-$PRESCRIPTION-$RANDOM" | json '"dispensed, remaining " + v.remaining'
done

echo "== the auditor verifies the audit chain"
call "$AUDITOR" POST /ops/audit/verify '{"region":"KZ-27"}' | json 'JSON.stringify(v)'
