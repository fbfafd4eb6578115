# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_berth_global_optspecs
    string join \n root= runroot= storage-driver= cgroup-manager= l/log-level= D/debug config= H/host= c/context= h/help V/version
end

function __fish_berth_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_berth_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_berth_using_subcommand
    set -l cmd (__fish_berth_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c berth -n "__fish_berth_needs_command" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_needs_command" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_needs_command" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_needs_command" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_needs_command" -s l -l log-level -d 'Set the logging level (debug, info, warn, error, fatal)' -r
complete -c berth -n "__fish_berth_needs_command" -l config -d 'Location of client config files (credentials: DIR/config.json), as DOCKER_CONFIG' -r -F
complete -c berth -n "__fish_berth_needs_command" -s H -l host -d 'Daemon socket to connect to: berth has no daemon, only local containers (refused unless it names this machine\'s default)' -r
complete -c berth -n "__fish_berth_needs_command" -s c -l context -d 'Name of the context to use: only "default" (berth has no remote contexts)' -r
complete -c berth -n "__fish_berth_needs_command" -s D -l debug -d 'Enable debug mode (the same as --log-level debug)'
complete -c berth -n "__fish_berth_needs_command" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_needs_command" -s V -l version -d 'Print version'
complete -c berth -n "__fish_berth_needs_command" -f -a "run" -d 'Create and run a new container from an image'
complete -c berth -n "__fish_berth_needs_command" -f -a "create" -d 'Create a new container'
complete -c berth -n "__fish_berth_needs_command" -f -a "start" -d 'Start one or more stopped containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "ps" -d 'List containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c berth -n "__fish_berth_needs_command" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_needs_command" -f -a "inspect" -d 'Return low-level information on containers or images'
complete -c berth -n "__fish_berth_needs_command" -f -a "exec" -d 'Execute a command in a running container'
complete -c berth -n "__fish_berth_needs_command" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c berth -n "__fish_berth_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "kill" -d 'Kill one or more running containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_needs_command" -f -a "rename" -d 'Rename a container'
complete -c berth -n "__fish_berth_needs_command" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c berth -n "__fish_berth_needs_command" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c berth -n "__fish_berth_needs_command" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c berth -n "__fish_berth_needs_command" -f -a "pull" -d 'Download an image from a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "push" -d 'Upload an image to a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "logout" -d 'Log out from a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c berth -n "__fish_berth_needs_command" -f -a "buildx" -d 'Build with BuildKit\'s command name (`buildx build`)'
complete -c berth -n "__fish_berth_needs_command" -f -a "load" -d 'Load images from a tar archive or STDIN'
complete -c berth -n "__fish_berth_needs_command" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c berth -n "__fish_berth_needs_command" -f -a "images" -d 'List images'
complete -c berth -n "__fish_berth_needs_command" -f -a "rmi" -d 'Remove one or more images'
complete -c berth -n "__fish_berth_needs_command" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c berth -n "__fish_berth_needs_command" -f -a "image" -d 'Manage images'
complete -c berth -n "__fish_berth_needs_command" -f -a "container" -d 'Manage containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "generate" -d 'Generate service files (systemd units)'
complete -c berth -n "__fish_berth_needs_command" -f -a "system" -d 'Manage berth\'s store'
complete -c berth -n "__fish_berth_needs_command" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c berth -n "__fish_berth_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c berth -n "__fish_berth_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c berth -n "__fish_berth_needs_command" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c berth -n "__fish_berth_needs_command" -f -a "update" -d 'Update configuration of one or more containers (restart policy; limits need a delegated cgroup v2 tree)'
complete -c berth -n "__fish_berth_needs_command" -f -a "builder" -d 'Manage builds'
complete -c berth -n "__fish_berth_needs_command" -f -a "doctor" -d 'Check what this host gives berth (user namespaces, subordinate ids, overlay, /dev/net/tun, cgroup delegation...), each problem with its fix; exit 0 when all hold'
complete -c berth -n "__fish_berth_needs_command" -f -a "network" -d 'Manage networks'
complete -c berth -n "__fish_berth_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c berth -n "__fish_berth_needs_command" -f -a "version" -d 'Show the berth version information (docker\'s layout and --format)'
complete -c berth -n "__fish_berth_needs_command" -f -a "info" -d 'Display system-wide information'
complete -c berth -n "__fish_berth_needs_command" -f -a "events" -d 'Get real time events from the server'
complete -c berth -n "__fish_berth_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the process (without a terminal)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s h -l hostname -d 'Container host name' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s v -l volume -d 'Bind mount a host directory or a volume ([HOST-DIR|NAME:]CONTAINER-DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=...,target=...)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l tmpfs -d 'Mount a tmpfs directory (DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cap-add -d 'Add Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l security-opt -d 'Security options (seccomp=unconfined|PROFILE.json, no-new-privileges)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l network -d 'Connect a container to a network: bridge (the default), none, host, container:NAME|ID' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s p -l publish -d 'Publish a container\'s port(s) to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l expose -d 'Expose a port or a range of ports' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l dns -d 'Set custom DNS servers' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l dns-option -l dns-opt -d 'Set DNS options' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip, or host=ip; ip may be host-gateway)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cgroups -d 'Whether the container gets a cgroup (podman): enabled (the default, where a cgroup v2 tree is delegated), disabled; no-conmon and split mean enabled here' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime spec)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cidfile -d 'Write the container ID to the file (which must not exist yet)' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-start-interval -d 'Time between running the check during the start period (default 5s)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpu-count -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpu-percent -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpu-rt-period -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpu-rt-runtime -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l device-cgroup-rule -d 'Not supported: needs a delegated cgroup v2 tree with the devices controller' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l gpus -d 'Not supported: GPU devices are not supported by berth' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l io-maxbandwidth -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l io-maxiops -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l ip6 -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l isolation -d 'Accepted: --isolation has no meaning on Linux: ignored' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l kernel-memory -d 'Accepted: Specifying a kernel memory limit is deprecated and will be removed in a future release.' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l link -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l link-local-ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l mac-address -d 'Not supported: the default network\'s device has no MAC address (a TUN)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l memory-swappiness -d 'Accepted: cgroup v2 has no memory swappiness: --memory-swappiness discarded' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l network-alias -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l runtime -d 'Not supported: berth is its own runtime' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l storage-opt -d 'Not supported: per-container storage options are not supported' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l volume-driver -d 'Not supported: only local volumes exist' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:PERMISSIONS]]; a device node the user may open, bound in)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l domainname -d 'Container NIS domain name' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l userns -d 'User namespace: rootless each container has its own, the user being root in it (host and auto name that default: there is no host namespace to share rootless); keep-id[:uid=N,gid=N] (podman) makes the user\'s own uid and gid (or N) the user\'s inside, and the process\'s' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cgroupns -d 'Cgroup namespace to use: private (the default: its own), host' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l pid -d 'PID namespace to use: host, container:NAME (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l ipc -d 'IPC mode to use: private (the default), shareable, none, host, container:NAME' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l uts -d 'UTS namespace to use: host, container:NAME (podman) (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000; rootless, only upwards)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l sysctl -d 'Namespaced kernel parameters (net.*, kernel.msg*/sem/shm*, fs.mqueue.*)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], -1 for unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l log-driver -d 'Logging driver: json-file (the default), local (kept as json-file), none' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) to stop a container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l pids-limit -d 'Tune container pids limit (0 or -1: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l blkio-weight-device -d 'Block IO weight (relative device weight), DEVICE:WEIGHT' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l device-read-iops -d 'Limit read rate (IO per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l device-write-iops -d 'Limit write rate (IO per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cgroup-parent -d 'Optional parent cgroup for the container (below the delegated tree; a slice under systemd)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l pull -d 'Pull image before running: missing (default), always, never' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l platform -d 'Platform to pull if the image is missing (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -s d -l detach -d 'Run container in background and print container ID'
complete -c berth -n "__fish_berth_using_subcommand run" -l help -d 'Print help (-h is --hostname, as in docker)'
complete -c berth -n "__fish_berth_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c berth -n "__fish_berth_using_subcommand run" -l privileged -d 'Give extended privileges to this container'
complete -c berth -n "__fish_berth_using_subcommand run" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c berth -n "__fish_berth_using_subcommand run" -l no-hosts -d 'Do not create /etc/hosts for the container: the image\'s own is used'
complete -c berth -n "__fish_berth_using_subcommand run" -l rm -d 'Automatically remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c berth -n "__fish_berth_using_subcommand run" -l disable-content-trust -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand run" -l oom-kill-disable -d 'Accepted: cgroup v2 cannot disable the OOM killer: --oom-kill-disable discarded'
complete -c berth -n "__fish_berth_using_subcommand run" -l quiet -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand run" -l use-api-socket -d 'Not supported: berth has no daemon and no API socket'
complete -c berth -n "__fish_berth_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s h -l hostname -d 'Container host name' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s v -l volume -d 'Bind mount a host directory or a volume ([HOST-DIR|NAME:]CONTAINER-DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=...,target=...)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l tmpfs -d 'Mount a tmpfs directory (DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cap-add -d 'Add Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l security-opt -d 'Security options (seccomp=unconfined|PROFILE.json, no-new-privileges)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l network -d 'Connect a container to a network: bridge (the default), none, host, container:NAME|ID' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s p -l publish -d 'Publish a container\'s port(s) to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l expose -d 'Expose a port or a range of ports' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l dns -d 'Set custom DNS servers' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l dns-option -l dns-opt -d 'Set DNS options' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip, or host=ip; ip may be host-gateway)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cgroups -d 'Whether the container gets a cgroup (podman): enabled (the default, where a cgroup v2 tree is delegated), disabled; no-conmon and split mean enabled here' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c berth -n "__fish_berth_using_subcommand create" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime spec)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cidfile -d 'Write the container ID to the file (which must not exist yet)' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-start-interval -d 'Time between running the check during the start period (default 5s)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpu-count -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpu-percent -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpu-rt-period -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpu-rt-runtime -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l device-cgroup-rule -d 'Not supported: needs a delegated cgroup v2 tree with the devices controller' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l gpus -d 'Not supported: GPU devices are not supported by berth' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l io-maxbandwidth -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l io-maxiops -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l ip6 -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l isolation -d 'Accepted: --isolation has no meaning on Linux: ignored' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l kernel-memory -d 'Accepted: Specifying a kernel memory limit is deprecated and will be removed in a future release.' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l link -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l link-local-ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l mac-address -d 'Not supported: the default network\'s device has no MAC address (a TUN)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l memory-swappiness -d 'Accepted: cgroup v2 has no memory swappiness: --memory-swappiness discarded' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l network-alias -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l runtime -d 'Not supported: berth is its own runtime' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l storage-opt -d 'Not supported: per-container storage options are not supported' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l volume-driver -d 'Not supported: only local volumes exist' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:PERMISSIONS]]; a device node the user may open, bound in)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l domainname -d 'Container NIS domain name' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l userns -d 'User namespace: rootless each container has its own, the user being root in it (host and auto name that default: there is no host namespace to share rootless); keep-id[:uid=N,gid=N] (podman) makes the user\'s own uid and gid (or N) the user\'s inside, and the process\'s' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cgroupns -d 'Cgroup namespace to use: private (the default: its own), host' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l pid -d 'PID namespace to use: host, container:NAME (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l ipc -d 'IPC mode to use: private (the default), shareable, none, host, container:NAME' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l uts -d 'UTS namespace to use: host, container:NAME (podman) (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000; rootless, only upwards)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l sysctl -d 'Namespaced kernel parameters (net.*, kernel.msg*/sem/shm*, fs.mqueue.*)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], -1 for unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l log-driver -d 'Logging driver: json-file (the default), local (kept as json-file), none' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) to stop a container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l pids-limit -d 'Tune container pids limit (0 or -1: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l blkio-weight-device -d 'Block IO weight (relative device weight), DEVICE:WEIGHT' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l device-read-iops -d 'Limit read rate (IO per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l device-write-iops -d 'Limit write rate (IO per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cgroup-parent -d 'Optional parent cgroup for the container (below the delegated tree; a slice under systemd)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l pull -d 'Pull image before running: missing (default), always, never' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l platform -d 'Platform to pull if the image is missing (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand create" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand create" -l help -d 'Print help (-h is --hostname, as in docker)'
complete -c berth -n "__fish_berth_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c berth -n "__fish_berth_using_subcommand create" -l privileged -d 'Give extended privileges to this container'
complete -c berth -n "__fish_berth_using_subcommand create" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c berth -n "__fish_berth_using_subcommand create" -l no-hosts -d 'Do not create /etc/hosts for the container: the image\'s own is used'
complete -c berth -n "__fish_berth_using_subcommand create" -l rm -d 'Automatically remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c berth -n "__fish_berth_using_subcommand create" -l disable-content-trust -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand create" -l oom-kill-disable -d 'Accepted: cgroup v2 cannot disable the OOM killer: --oom-kill-disable discarded'
complete -c berth -n "__fish_berth_using_subcommand create" -l quiet -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand create" -l use-api-socket -d 'Not supported: berth has no daemon and no API socket'
complete -c berth -n "__fish_berth_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand start" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand start" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c berth -n "__fish_berth_using_subcommand start" -s i -l interactive -d 'Attach container\'s STDIN'
complete -c berth -n "__fish_berth_using_subcommand start" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand ps" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions provided (status, name, id, label, exited, ancestor, publish, expose)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand ps" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand ps" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c berth -n "__fish_berth_using_subcommand ps" -s q -l quiet -d 'Only display container IDs'
complete -c berth -n "__fish_berth_using_subcommand ps" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand ps" -l external -d 'Accepted for podman\'s scripts: berth has no containers of other tools to show'
complete -c berth -n "__fish_berth_using_subcommand ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c berth -n "__fish_berth_using_subcommand ps" -s s -l size -d 'Display total file sizes'
complete -c berth -n "__fish_berth_using_subcommand ps" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rm" -s t -l time -d 'With -f: stop a running container first, waiting this many seconds before killing it (podman)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c berth -n "__fish_berth_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c berth -n "__fish_berth_using_subcommand rm" -s a -l all -d 'Remove all containers (podman; running ones need -f)'
complete -c berth -n "__fish_berth_using_subcommand rm" -s i -l ignore -d 'Ignore containers that do not exist (podman)'
complete -c berth -n "__fish_berth_using_subcommand rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand wait" -l condition -d 'Wait for: not-running (default), next-exit, removed' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand wait" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand wait" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand wait" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logs" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logs" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c berth -n "__fish_berth_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c berth -n "__fish_berth_using_subcommand logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand inspect" -s f -l format -d 'Format output using a Go template or \'json\'' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l type -d 'Only inspect objects of this type (container, image, volume)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand exec" -s d -l detach -d 'Detached mode: run command in the background'
complete -c berth -n "__fish_berth_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand exec" -l privileged -d 'Give extended privileges to the command'
complete -c berth -n "__fish_berth_using_subcommand exec" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l sig-proxy -d 'Proxy all received signals to the process (without a terminal)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand attach" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand attach" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand attach" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c berth -n "__fish_berth_using_subcommand attach" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand stop" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand stop" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand stop" -s a -l all -d 'All running containers (podman)'
complete -c berth -n "__fish_berth_using_subcommand stop" -s i -l ignore -d 'Ignore containers that do not exist (podman)'
complete -c berth -n "__fish_berth_using_subcommand stop" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand kill" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand kill" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand kill" -s a -l all -d 'All running containers (podman)'
complete -c berth -n "__fish_berth_using_subcommand kill" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand restart" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand restart" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand restart" -s a -l all -d 'All running containers (podman)'
complete -c berth -n "__fish_berth_using_subcommand restart" -s i -l ignore -d 'Ignore containers that do not exist (podman)'
complete -c berth -n "__fish_berth_using_subcommand restart" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand pause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand pause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand unpause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand unpause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand unpause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand top" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand top" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand top" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand top" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rename" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rename" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rename" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand rename" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand port" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand port" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand port" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand cp" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand cp" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand cp" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand cp" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)'
complete -c berth -n "__fish_berth_using_subcommand cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH'
complete -c berth -n "__fish_berth_using_subcommand cp" -s q -l quiet -d 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached'
complete -c berth -n "__fish_berth_using_subcommand cp" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c berth -n "__fish_berth_using_subcommand export" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand export" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand export" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand export" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand export" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand import" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c berth -n "__fish_berth_using_subcommand import" -s m -l message -d 'Set commit message for imported image' -r
complete -c berth -n "__fish_berth_using_subcommand import" -l platform -d 'Set platform if server is multi-platform capable (only this machine\'s)' -r
complete -c berth -n "__fish_berth_using_subcommand import" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand import" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand import" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand import" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand import" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand pull" -l platform -d 'Set platform if server is multi-platform capable (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand pull" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand pull" -s q -l quiet -d 'Suppress verbose output'
complete -c berth -n "__fish_berth_using_subcommand pull" -s a -l all-tags -d 'Pull all tagged images in the repository (not supported)'
complete -c berth -n "__fish_berth_using_subcommand pull" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand push" -l compression-format -d 'Compression for uncompressed layers: gzip (default) or zstd' -r
complete -c berth -n "__fish_berth_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand push" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand push" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand push" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand push" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand push" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand push" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand push" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand push" -s q -l quiet -d 'Suppress verbose output'
complete -c berth -n "__fish_berth_using_subcommand push" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand login" -s u -l username -d 'Username' -r
complete -c berth -n "__fish_berth_using_subcommand login" -s p -l password -d 'Password' -r
complete -c berth -n "__fish_berth_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand login" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand login" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand login" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand login" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand login" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand login" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand login" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand login" -l password-stdin -d 'Take the password from stdin'
complete -c berth -n "__fish_berth_using_subcommand login" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c berth -n "__fish_berth_using_subcommand logout" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logout" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logout" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand logout" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand logout" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c berth -n "__fish_berth_using_subcommand build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile"; "-" reads it from stdin)' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l build-arg -d 'Set build-time variables' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l target -d 'Set the target build stage to build' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand build" -l label -d 'Set metadata for an image' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l network -d 'Set the networking mode for the RUN instructions during build: default, bridge, none or host' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l platform -d 'Set target platform for build (the host\'s only)' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l progress -d 'Set type of progress output: auto, plain, tty, quiet' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l secret -d 'Secret to expose to the build: id=ID[,src=FILE] or id=ID,env=VAR (`RUN --mount=type=secret,id=ID` reads it at /run/secrets/ID)' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l shm-size -d 'Size of /dev/shm' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l ulimit -d 'Ulimit options' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand build" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand build" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand build" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand build" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand build" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand build" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand build" -l no-cache -d 'Do not use cache when building the image'
complete -c berth -n "__fish_berth_using_subcommand build" -l pull -d 'Always attempt to pull all referenced images'
complete -c berth -n "__fish_berth_using_subcommand build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c berth -n "__fish_berth_using_subcommand build" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand buildx; and not __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand buildx; and not __fish_seen_subcommand_from build" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile"; "-" reads it from stdin)' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg -d 'Set build-time variables' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l target -d 'Set the target build stage to build' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l network -d 'Set the networking mode for the RUN instructions during build: default, bridge, none or host' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l platform -d 'Set target platform for build (the host\'s only)' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l progress -d 'Set type of progress output: auto, plain, tty, quiet' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l secret -d 'Secret to expose to the build: id=ID[,src=FILE] or id=ID,env=VAR (`RUN --mount=type=secret,id=ID` reads it at /run/secrets/ID)' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cache when building the image'
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull -d 'Always attempt to pull all referenced images'
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c berth -n "__fish_berth_using_subcommand buildx; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand load" -s i -l input -d 'Read from tar archive file (or OCI layout directory), instead of STDIN' -r -F
complete -c berth -n "__fish_berth_using_subcommand load" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand load" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand load" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand load" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand load" -s q -l quiet -d 'Suppress the load output'
complete -c berth -n "__fish_berth_using_subcommand load" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand save" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c berth -n "__fish_berth_using_subcommand save" -l format -d 'Archive format: docker-archive (default) or oci-archive' -r
complete -c berth -n "__fish_berth_using_subcommand save" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand save" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand save" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand save" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand save" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, label, before, since)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand images" -s a -l all -d 'Show all images'
complete -c berth -n "__fish_berth_using_subcommand images" -s q -l quiet -d 'Only show image IDs'
complete -c berth -n "__fish_berth_using_subcommand images" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand images" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand images" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand rmi" -s f -l force -d 'Force removal of the image'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand tag" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "ls" -d 'List images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "rm" -d 'Remove one or more images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "pull" -d 'Download an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "push" -d 'Upload an image to a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "load" -d 'Load images from a tar archive or STDIN'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "save" -d 'Save one or more images to a tar archive'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "exists" -d 'Exit 0 if the image exists locally, 1 if not (podman)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from build ls rm inspect pull push load save tag import prune exists history" -f -a "history" -d 'Show the history of an image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile"; "-" reads it from stdin)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set build-time variables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Set the target build stage to build' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Set the networking mode for the RUN instructions during build: default, bridge, none or host' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Set target platform for build (the host\'s only)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l progress -d 'Set type of progress output: auto, plain, tty, quiet' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'Secret to expose to the build: id=ID[,src=FILE] or id=ID,env=VAR (`RUN --mount=type=secret,id=ID` reads it at /run/secrets/ID)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cache when building the image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Always attempt to pull all referenced images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, label, before, since)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a Go template or \'json\'' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Set platform if server is multi-platform capable (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress verbose output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull all tagged images in the repository (not supported)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression for uncompressed layers: gzip (default) or zstd' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress verbose output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from tar archive file (or OCI layout directory), instead of STDIN' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the load output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format: docker-archive (default) or oci-archive' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set commit message for imported image' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -l platform -d 'Set platform if server is multi-platform capable (only this machine\'s)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=<timestamp>")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Only show image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "run" -d 'Create and run a new container from an image'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "create" -d 'Create a new container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "start" -d 'Start one or more stopped containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "ls" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "wait" -d 'Block until one or more containers stop'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "exec" -d 'Execute a command in a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "stop" -d 'Stop one or more running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "kill" -d 'Kill one or more running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "rename" -d 'Rename a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "prune" -d 'Remove all stopped containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "exists" -d 'Exit 0 if the container exists, 1 if not (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "update" -d 'Update configuration of one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port cp export prune exists stats update commit diff" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the process (without a terminal)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a host directory or a volume ([HOST-DIR|NAME:]CONTAINER-DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=...,target=...)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs directory (DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options (seccomp=unconfined|PROFILE.json, no-new-privileges)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Connect a container to a network: bridge (the default), none, host, container:NAME|ID' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port(s) to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range of ports' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -l dns-opt -d 'Set DNS options' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip, or host=ip; ip may be host-gateway)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Whether the container gets a cgroup (podman): enabled (the default, where a cgroup v2 tree is delegated), disabled; no-conmon and split mean enabled here' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime spec)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to the file (which must not exist yet)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between running the check during the start period (default 5s)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-count -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-percent -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'Not supported: needs a delegated cgroup v2 tree with the devices controller' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l gpus -d 'Not supported: GPU devices are not supported by berth' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l io-maxbandwidth -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l io-maxiops -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l ip6 -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l isolation -d 'Accepted: --isolation has no meaning on Linux: ignored' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Accepted: Specifying a kernel memory limit is deprecated and will be removed in a future release.' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l link -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l link-local-ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'Not supported: the default network\'s device has no MAC address (a TUN)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Accepted: cgroup v2 has no memory swappiness: --memory-swappiness discarded' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -d 'Not supported: berth is its own runtime' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Not supported: per-container storage options are not supported' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l volume-driver -d 'Not supported: only local volumes exist' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:PERMISSIONS]]; a device node the user may open, bound in)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l domainname -d 'Container NIS domain name' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: rootless each container has its own, the user being root in it (host and auto name that default: there is no host namespace to share rootless); keep-id[:uid=N,gid=N] (podman) makes the user\'s own uid and gid (or N) the user\'s inside, and the process\'s' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace to use: private (the default: its own), host' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace to use: host, container:NAME (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC mode to use: private (the default), shareable, none, host, container:NAME' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace to use: host, container:NAME (podman) (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000; rootless, only upwards)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Namespaced kernel parameters (net.*, kernel.msg*/sem/shm*, fs.mqueue.*)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], -1 for unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver: json-file (the default), local (kept as json-file), none' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) to stop a container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune container pids limit (0 or -1: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block IO weight (relative device weight), DEVICE:WEIGHT' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit read rate (IO per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit write rate (IO per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Optional parent cgroup for the container (below the delegated tree; a slice under systemd)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull image before running: missing (default), always, never' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Platform to pull if the image is missing (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help (-h is --hostname, as in docker)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to this container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Do not create /etc/hosts for the container: the image\'s own is used'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l disable-content-trust -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Accepted: cgroup v2 cannot disable the OOM killer: --oom-kill-disable discarded'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l quiet -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l use-api-socket -d 'Not supported: berth has no daemon and no API socket'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a host directory or a volume ([HOST-DIR|NAME:]CONTAINER-DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=...,target=...)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs directory (DIR[:OPTIONS])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options (seccomp=unconfined|PROFILE.json, no-new-privileges)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Connect a container to a network: bridge (the default), none, host, container:NAME|ID' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port(s) to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range of ports' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -l dns-opt -d 'Set DNS options' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip, or host=ip; ip may be host-gateway)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Whether the container gets a cgroup (podman): enabled (the default, where a cgroup v2 tree is delegated), disabled; no-conmon and split mean enabled here' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime spec)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to the file (which must not exist yet)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between running the check during the start period (default 5s)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-count -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-percent -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Not supported without a delegated cgroup v2 tree' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'Not supported: needs a delegated cgroup v2 tree with the devices controller' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l gpus -d 'Not supported: GPU devices are not supported by berth' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l io-maxbandwidth -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l io-maxiops -d 'Not supported: is only supported on a Docker daemon running on windows' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l ip6 -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l isolation -d 'Accepted: --isolation has no meaning on Linux: ignored' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Accepted: Specifying a kernel memory limit is deprecated and will be removed in a future release.' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l link -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l link-local-ip -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'Not supported: the default network\'s device has no MAC address (a TUN)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Accepted: cgroup v2 has no memory swappiness: --memory-swappiness discarded' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Not supported: needs user networks, which berth does not have yet' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -d 'Not supported: berth is its own runtime' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Not supported: per-container storage options are not supported' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l volume-driver -d 'Not supported: only local volumes exist' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:PERMISSIONS]]; a device node the user may open, bound in)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l domainname -d 'Container NIS domain name' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: rootless each container has its own, the user being root in it (host and auto name that default: there is no host namespace to share rootless); keep-id[:uid=N,gid=N] (podman) makes the user\'s own uid and gid (or N) the user\'s inside, and the process\'s' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace to use: private (the default: its own), host' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace to use: host, container:NAME (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC mode to use: private (the default), shareable, none, host, container:NAME' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace to use: host, container:NAME (podman) (default: its own)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000; rootless, only upwards)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Namespaced kernel parameters (net.*, kernel.msg*/sem/shm*, fs.mqueue.*)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], -1 for unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver: json-file (the default), local (kept as json-file), none' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) to stop a container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (0 or -1: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block IO weight (relative device weight), DEVICE:WEIGHT' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit read rate (IO per second) from a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit write rate (IO per second) to a device, DEVICE:RATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Optional parent cgroup for the container (below the delegated tree; a slice under systemd)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull image before running: missing (default), always, never' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Platform to pull if the image is missing (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (-h is --hostname, as in docker)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to this container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Do not create /etc/hosts for the container: the image\'s own is used'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Automatically remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Accepted: cgroup v2 cannot disable the OOM killer: --oom-kill-disable discarded'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l quiet -d 'Accepted, no effect'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l use-api-socket -d 'Not supported: berth has no daemon and no API socket'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach container\'s STDIN'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided (status, name, id, label, exited, ancestor, publish, expose)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default shows just running)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display container IDs'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Accepted for podman\'s scripts: berth has no containers of other tools to show'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display total file sizes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'With -f: stop a running container first, waiting this many seconds before killing it (podman)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers (podman; running ones need -f)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore containers that do not exist (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Wait for: not-running (default), next-exit, removed' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a Go template or \'json\'' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run command in the background'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the command'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Proxy all received signals to the process (without a terminal)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'All running containers (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore containers that do not exist (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'All running containers (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing the container (-1: wait forever)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'All running containers (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s i -l ignore -d 'Ignore containers that do not exist (podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -s q -l quiet -d 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=<timestamp>")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Tune container pids limit (0 or -1: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause container during commit (berth always pauses a running one: false is warned about and ignored)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -f -a "systemd" -d 'Print a systemd user unit for a container'
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l time -d 'Seconds to wait for the container to stop' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create a new container at each start (from the command line that created this one) and remove it at each stop'
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -f -a "check" -d 'Check the store for damage: broken container and image records, names reserved for no container, scratch left by commands that died'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -f -a "reset" -d 'Remove all containers, volumes and images of this user (podman); asks first unless -f'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -f -a "prune" -d 'Remove unused data'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -f -a "df" -d 'Show docker disk usage'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -f -a "info" -d 'Display system-wide information'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check reset prune df info events" -f -a "events" -d 'Get real time events from the server'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l repair -d 'Fix what is found (damaged records are reset or removed, stale names and scratch removed)'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "label=<key>=<value>")' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images not just dangling ones'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune anonymous volumes'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Format output using a custom template: \'table\', \'table TEMPLATE\', \'json\', \'TEMPLATE\'' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on space usage'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Format output using a custom template: \'json\', or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from info" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'Format output using a custom template: \'json\', or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show all events created since timestamp' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Stream events until this timestamp' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stats" -l format -d 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' -r
complete -c berth -n "__fish_berth_using_subcommand stats" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand stats" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand stats" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand stats" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c berth -n "__fish_berth_using_subcommand stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c berth -n "__fish_berth_using_subcommand stats" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand stats" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand history" -l format -d 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand history" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand history" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand history" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand history" -s q -l quiet -d 'Only show image IDs'
complete -c berth -n "__fish_berth_using_subcommand history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c berth -n "__fish_berth_using_subcommand commit" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c berth -n "__fish_berth_using_subcommand commit" -s m -l message -d 'Commit message' -r
complete -c berth -n "__fish_berth_using_subcommand commit" -s p -l pause -d 'Pause container during commit (berth always pauses a running one: false is warned about and ignored)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand commit" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand commit" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand commit" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand commit" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand commit" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand diff" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand diff" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand diff" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand diff" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand diff" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c berth -n "__fish_berth_using_subcommand update" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l memory-reservation -d 'Memory soft limit' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l pids-limit -d 'Tune container pids limit (0 or -1: unlimited)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand update" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand update" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand update" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand update" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand builder; and not __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand builder; and not __fish_seen_subcommand_from prune" -f -a "prune" -d 'Remove build cache'
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=24h")' -r
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused build cache, not just dangling ones'
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand builder; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand doctor" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand doctor" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand doctor" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand doctor" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "ls" -d 'List networks'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "list" -d 'List networks'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "create" -d 'Create a network (user networks: not in berth yet)'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "rm" -d 'Remove one or more networks'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "remove" -d 'Remove one or more networks'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "prune" -d 'Remove all unused user networks (berth has none)'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "connect" -d 'Connect a container to a network (user networks: not in berth yet)'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "disconnect" -d 'Disconnect a container from a network (user networks: not in berth yet)'
complete -c berth -n "__fish_berth_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect create rm remove prune connect disconnect exists" -f -a "exists" -d 'Exit 0 when the network exists, 1 when not (podman)'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (driver, id, label, name, scope, type, dangling)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display network IDs'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the output'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Provide filter values (driver, id, label, name, scope, type, dangling)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only display network IDs'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate the output'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Verbose output (accepted; berth\'s networks have nothing more to show)'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver, options... (user networks are not in berth yet)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not error if the network does not exist'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Do not error if the network does not exist'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=<timestamp>")' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from connect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from exists" -s d -l driver -d 'Driver, options... (user networks are not in berth yet)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -f -a "create" -d 'Create a volume'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -f -a "ls" -d 'List volumes'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -f -a "rm" -d 'Remove one or more volumes'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -f -a "prune" -d 'Remove unused local volumes (anonymous ones unless -a)'
complete -c berth -n "__fish_berth_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists" -f -a "exists" -d 'Exit 0 if the volume exists, 1 if not (podman)'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Specify volume driver name (only local)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -l label -d 'Set metadata for a volume' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options (local: type=none, o=bind, device=/DIR)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -l name -d 'Specify volume name' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (dangling=true|false, name=, label=, driver=)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a Go template (table, json, or TEMPLATE)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display volume names'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a Go template (json, or TEMPLATE)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not fail on volumes that do not exist'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=, label!=)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused volumes, not just anonymous ones'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand version" -s f -l format -d 'Format the output using the given Go template (or json)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand version" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand info" -s f -l format -d 'Format output using a custom template: \'json\', or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand info" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand info" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand info" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand events" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l format -d 'Format output using a custom template: \'json\', or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l since -d 'Show all events created since timestamp' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l until -d 'Stream events until this timestamp' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand events" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand events" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l cgroup-manager -d 'cgroup manager (podman): systemd (a transient scope per container, over the user bus) or cgroupfs (directories in the delegated tree); default: systemd when a user session bus is there' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c berth -n "__fish_berth_using_subcommand events" -s h -l help -d 'Print help'
