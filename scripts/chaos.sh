#!/usr/bin/env bash
# The chaos run of docs/RELIABILITY.md ("Process death"): the Zoom sandbox and the app as their own processes, 100
# Zoom classes, the app SIGKILLed at least 20 times while it syncs them and restarted each time, then the checks.
#   scripts/chaos.sh one   one app instance (default)
#   scripts/chaos.sh two   two app instances on one SQLite database
# CHAOS_CLASSES, CHAOS_KILLS and CHAOS_SEED change the run; JUNOCAL_SKIP_BUILD=1 uses the Release build already there.
# Prints the result row for docs/RELIABILITY.md (also appended to $TMPDIR/junocal-chaos.txt). Every app instance's
# and the sandbox's output, each line stamped and named (app1#3 = the first instance's third start), and the run's
# kills go to one log per run, $TMPDIR/junocal-chaos/<mode>-<start time>-seed<seed>.log (its path is printed first).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-one}" in
  one) method="OneInstanceKilledAtRandomMomentsLeavesEveryClassExactlyOneMeeting" ;;
  two) method="TwoInstancesOnOneDatabaseCreateEachClassMeetingOnce" ;;
  *) echo "usage: $0 [one|two]" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${JUNOCAL_SKIP_BUILD:-}" != "1" ]; then
  dotnet build Junocal.Blazor.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
fi

dotnet test --project Junocal.Tests -c Release --no-build -- \
  --filter-method "Junocal.Tests.Meetings.MeetingSyncChaos.$method" --explicit only \
  --output detailed 2>&1 | grep -v '^  {'
