# shellcheck shell=bash
# Debian's nginx as the reverse proxy in front of several silo processes (scripts/cluster and the
# multi-silo test). Installed with apt when missing and root. The configuration lives in a folder of
# its own (pid, logs, temp files), so nothing of the machine's nginx setup is used or changed.

# Sets NGINX_BIN; installs nginx-light when missing and root.
nginx_ensure() {
  NGINX_BIN=$(command -v nginx 2>/dev/null || true)
  [ -z "$NGINX_BIN" ] && [ -x /usr/sbin/nginx ] && NGINX_BIN=/usr/sbin/nginx
  [ -n "$NGINX_BIN" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing nginx for the multi-silo test (once)…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >&2
    NGINX_BIN=/usr/sbin/nginx
    # Debian starts the machine's own nginx on port 80 after installing it; we use ours only.
    command -v systemctl >/dev/null 2>&1 && systemctl disable --now nginx >/dev/null 2>&1 || true
    [ -x "$NGINX_BIN" ] && return 0
  fi
  echo "nginx was not found. Install it, e.g. 'sudo apt-get install nginx-light', and run again." >&2
  return 1
}

# nginx_write_conf DIR LISTEN_PORT SILO_PORT…: DIR/nginx.conf listening on 127.0.0.1:LISTEN_PORT, spreading requests
# round-robin over the silos on 127.0.0.1. Unbuffered, so the live board's server-sent events pass at once.
# DIR/access.log names the silo that served each request.
nginx_write_conf() {
  local dir=$1 listen=$2 port servers=""
  shift 2
  for port in "$@"; do servers+="    server 127.0.0.1:$port;"$'\n'; done
  mkdir -p "$dir/temp"
  chmod 777 "$dir/temp"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  log_format silo '\$upstream_addr \$status \$request_method \$uri';
  access_log $dir/access.log silo;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  upstream silos {
$servers    keepalive 32;
  }
  server {
    listen 127.0.0.1:$listen;
    location / {
      proxy_pass http://silos;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # Server-sent events (the live board): no buffering, and a stream may stay open through a whole meeting.
      proxy_buffering off;
      proxy_read_timeout 12h;
    }
  }
}
CONF
}
