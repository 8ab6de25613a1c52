#!/usr/bin/env bash
# What several app nodes share, for trying multi-node by hand and for the tests: a PostgreSQL cluster and a Redis
# server from Debian's packages, both in DIR, both gone after `stop`. `start` prints the settings a node needs:
#   eval "$(bash scripts/local-cluster.sh start /tmp/lw-cluster)"   # exports the variables below
#   bash scripts/local-cluster.sh stop /tmp/lw-cluster
set -euo pipefail
usage() { echo "usage: bash scripts/local-cluster.sh start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1 dir=$2 here=$(dirname "$0")
case "$action" in
  start)
    mkdir -p "$dir"
    pg=$(bash "$here/local-postgres.sh" start "$dir/postgres" | tail -n 1)
    redis=$(bash "$here/local-redis.sh" start "$dir/redis" | tail -n 1)
    echo "export Database__Provider=Postgres"
    echo "export ConnectionStrings__Default='$pg'"
    echo "export Live__Redis='$redis'"
    ;;
  stop)
    bash "$here/local-redis.sh" stop "$dir/redis"
    bash "$here/local-postgres.sh" stop "$dir/postgres"
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
