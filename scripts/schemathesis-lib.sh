# Shared by scripts/schemathesis.sh and scripts/schemathesis-checks.sh (sourced, not run).

# Installs the pinned schemathesis into a venv under $1; its `st` is then "$1/schemathesis/bin/st".
st_install() {
  python3 -m venv "$1/schemathesis"
  "$1/schemathesis/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5
}

# Runs the rest of the arguments as a server in the background, stopped when the script exits,
# and waits until something listens on 127.0.0.1:$1.
st_serve() {
  local port=$1
  shift
  "$@" &
  st_server=$!
  trap 'kill "$st_server" 2>/dev/null || true; wait "$st_server" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $port" >&2
  return 1
}
