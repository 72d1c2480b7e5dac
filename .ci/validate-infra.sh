#!/usr/bin/env bash
# Builds and lints infra/main.bicep with a pinned Bicep CLI taken from NuGet (no other network).
# Any error or warning fails the run. Usage: .ci/validate-infra.sh  (from anywhere in the repo)
set -euo pipefail

BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"
BICEP_VERSION="0.49.2"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/.tools"
packages_dir="$tools_dir/nuget"
package_id_lower="$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')"
bicep="$packages_dir/$package_id_lower/$BICEP_VERSION/tools/bicep"

install_bicep() {
  # A throwaway project outside the repo, so the repo's Directory.*.props (central package versions,
  # warnings as errors) do not apply to it. PackageDownload fetches the package without referencing it.
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  cat >"$work/bicep-tool.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NuGetAudit>false</NuGetAudit>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
PROJ
  echo "Installing $BICEP_PACKAGE $BICEP_VERSION from NuGet into $packages_dir"
  dotnet restore "$work/bicep-tool.csproj" --packages "$packages_dir" --nologo --verbosity quiet
}

if [[ ! -x "$bicep" ]]; then
  install_bicep
  if [[ ! -f "$bicep" ]]; then
    echo "error: $BICEP_PACKAGE $BICEP_VERSION restored, but $bicep is missing" >&2
    exit 1
  fi
  chmod +x "$bicep"
fi

# Keep the CLI offline and quiet: no telemetry, no checks for newer versions.
export BICEP_TELEMETRY_ENABLED=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1

cd "$repo_root"
"$bicep" --version

failed=0
run_step() {
  local name="$1"; shift
  local output status=0
  output="$("$@" 2>&1)" || status=$?
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  if [[ $status -ne 0 ]]; then
    echo "FAIL: $name exited with $status"
    failed=1
  elif grep -Eiq '(warning|error) [A-Za-z]*[0-9]*:|: (warning|error) ' <<<"$output"; then
    echo "FAIL: $name reported warnings or errors"
    failed=1
  else
    echo "ok: $name"
  fi
}

run_step "bicep build" bash -c "\"$bicep\" build infra/main.bicep --stdout >/dev/null"
run_step "bicep lint" "$bicep" lint infra/main.bicep

if [[ $failed -ne 0 ]]; then
  echo "Infrastructure validation failed." >&2
  exit 1
fi
echo "Infrastructure validation passed: bicep build and lint are clean."
