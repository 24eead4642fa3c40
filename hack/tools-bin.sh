# Sourced by the hack/ and test/ scripts: the folder of the pinned tool binaries.
# It lives outside the clone (under the user's cache) so that a fresh clone, CI's
# among them, reuses binaries that took many minutes to build. TOOLS_BIN overrides it.
tools_bin=${TOOLS_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/function-agentcore-runtime/bin}
