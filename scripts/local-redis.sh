#!/usr/bin/env bash
# A throw-away Redis server from Debian's package, in a folder of its own: no system service, no persistence,
# nothing left running after `stop`. Used by the test command and the load benchmark.
#   bash scripts/local-redis.sh start DIR   # prints host:port on its last line
#   bash scripts/local-redis.sh stop DIR
set -euo pipefail
usage() { echo "usage: bash scripts/local-redis.sh start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1 dir=$2
command -v redis-server >/dev/null || { echo "local-redis: Redis is not installed (apt-get install redis-server)" >&2; exit 1; }

case "$action" in
  start)
    mkdir -p "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    redis-cli -p "$port" ping >/dev/null || { echo "local-redis: the server did not start; see $dir/redis.log" >&2; exit 1; }
    echo "127.0.0.1:$port"
    ;;
  stop)
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
