# scripts/sshd.sh: an sshd of its own on loopback, for a test or a
# benchmark that goes through a real ssh connection: throwaway host and
# client keys in a folder of the caller's, a high port, key sign-in for
# the current user only, nothing left running. Sourced, as scripts/pg.sh.
#
#   sshd_start DIR [FORCE_COMMAND]: start it (with FORCE_COMMAND, as
#     contrib/sshd_config.wanchuang runs the program); sets SSHD_PID and
#     SSH_ARGS, the client's words up to the host (ssh "${SSH_ARGS[@]}").
#     Returns 1 when sshd did not start or refuses the key; DIR/sshd.log
#     says why.
#   sshd_stop: stop it.

SSHD=${SSHD:-/usr/sbin/sshd}
SSHD_PID=
SSH_ARGS=()

sshd_start() {
	local dir=$1 force=${2:-} me port
	me=$(id -un)
	port=$(( 20000 + (RANDOM % 20000) ))
	ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
	ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
	cp "$dir/client_key.pub" "$dir/authorized_keys"
	cat >"$dir/sshd_config" <<-EOF
	ListenAddress 127.0.0.1
	Port $port
	HostKey $dir/host_key
	PidFile $dir/sshd.pid
	AuthorizedKeysFile $dir/authorized_keys
	AuthenticationMethods publickey
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	UsePAM no
	StrictModes no
	PermitRootLogin prohibit-password
	AllowUsers $me
	AllowTcpForwarding no
	X11Forwarding no
	PermitTTY yes
	SetEnv LANG=zh_CN.UTF-8
	${force:+ForceCommand $force}
	EOF
	[ "$(id -u)" = 0 ] && mkdir -p -m 755 /run/sshd
	"$SSHD" -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
	SSHD_PID=$!
	for _ in $(seq 50); do
		grep -q 'Server listening' "$dir/sshd.log" && break
		sleep 0.1
	done
	grep -q 'Server listening' "$dir/sshd.log" || return 1
	SSH_ARGS=(-p "$port" -i "$dir/client_key" -o StrictHostKeyChecking=no
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$me@127.0.0.1")
}

sshd_stop() {
	[ -z "$SSHD_PID" ] || kill "$SSHD_PID" 2>/dev/null || true
	SSHD_PID=
}
