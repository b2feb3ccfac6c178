#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine with the .NET 10 SDK: installs Debian's Chromium for the
# browser tests when it is missing, builds with warnings as errors, runs every test and ends with the line
# "N passed, N failed, N skipped".
# JUNOCAL_SKIP_BUILD=1 runs the Release build already there (CI builds once, before its checks).
# Set JUNOCAL_TEST_SQLSERVER to a connection string to run the database tests on SQL Server instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

results=TestResults
export JUNOCAL_TEST_ARTIFACTS="${JUNOCAL_TEST_ARTIFACTS:-$PWD/$results/screenshots}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

chromium="${JUNOCAL_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

dotnet tool restore >/dev/null
if [ "${JUNOCAL_SKIP_BUILD:-}" != "1" ]; then
  dotnet build Junocal.Blazor.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
fi

rm -f "$results/junocal.trx"
status=0
dotnet test --solution Junocal.Blazor.sln -c Release --no-build --results-directory "$results" \
  -- --report-xunit-trx --report-xunit-trx-filename junocal.trx || status=$?

trx="$results/junocal.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed); passed=$(value passed); failed=$(value failed)
  skipped=$((total - executed))
  [ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "0 passed, 1 failed"
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
