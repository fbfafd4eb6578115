# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_berth_global_optspecs
    string join \n root= runroot= storage-driver= log-level= h/help V/version
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
complete -c berth -n "__fish_berth_needs_command" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_needs_command" -f -a "pull" -d 'Download an image from a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "push" -d 'Upload an image to a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "logout" -d 'Log out from a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "load" -d 'Load images from a tar archive or STDIN'
complete -c berth -n "__fish_berth_needs_command" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c berth -n "__fish_berth_needs_command" -f -a "images" -d 'List images'
complete -c berth -n "__fish_berth_needs_command" -f -a "rmi" -d 'Remove one or more images'
complete -c berth -n "__fish_berth_needs_command" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c berth -n "__fish_berth_needs_command" -f -a "image" -d 'Manage images'
complete -c berth -n "__fish_berth_needs_command" -f -a "container" -d 'Manage containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "generate" -d 'Generate service files (systemd units)'
complete -c berth -n "__fish_berth_needs_command" -f -a "system" -d 'Manage berth\'s store'
complete -c berth -n "__fish_berth_needs_command" -f -a "version" -d 'Print the version'
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
complete -c berth -n "__fish_berth_using_subcommand run" -s v -l volume -d 'Bind mount a volume (HOST-DIR:CONTAINER-DIR[:ro])' -r
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
complete -c berth -n "__fish_berth_using_subcommand run" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l pids-limit -d 'Tune container pids limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (needs a delegated cgroup v2 hierarchy)' -r
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
complete -c berth -n "__fish_berth_using_subcommand run" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s h -l hostname -d 'Container host name' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s v -l volume -d 'Bind mount a volume (HOST-DIR:CONTAINER-DIR[:ro])' -r
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
complete -c berth -n "__fish_berth_using_subcommand create" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l pids-limit -d 'Tune container pids limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (needs a delegated cgroup v2 hierarchy)' -r
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
complete -c berth -n "__fish_berth_using_subcommand create" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l help -d 'Print help (-h is --hostname, as in docker)'
complete -c berth -n "__fish_berth_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c berth -n "__fish_berth_using_subcommand create" -l privileged -d 'Give extended privileges to this container'
complete -c berth -n "__fish_berth_using_subcommand create" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c berth -n "__fish_berth_using_subcommand create" -l no-hosts -d 'Do not create /etc/hosts for the container: the image\'s own is used'
complete -c berth -n "__fish_berth_using_subcommand create" -l rm -d 'Automatically remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c berth -n "__fish_berth_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand start" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand start" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c berth -n "__fish_berth_using_subcommand start" -s i -l interactive -d 'Attach container\'s STDIN'
complete -c berth -n "__fish_berth_using_subcommand start" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand ps" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions provided (status, name, id, label, exited, ancestor, publish, expose)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand ps" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand ps" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c berth -n "__fish_berth_using_subcommand ps" -s q -l quiet -d 'Only display container IDs'
complete -c berth -n "__fish_berth_using_subcommand ps" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c berth -n "__fish_berth_using_subcommand ps" -s s -l size -d 'Display total file sizes'
complete -c berth -n "__fish_berth_using_subcommand ps" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c berth -n "__fish_berth_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c berth -n "__fish_berth_using_subcommand rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand wait" -l condition -d 'Wait for: not-running (default), next-exit, removed' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand wait" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand wait" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logs" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logs" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c berth -n "__fish_berth_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c berth -n "__fish_berth_using_subcommand logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand inspect" -s f -l format -d 'Format output using a Go template or \'json\'' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l type -d 'Only inspect objects of this type (container, image)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand attach" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c berth -n "__fish_berth_using_subcommand attach" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand stop" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand stop" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand kill" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand kill" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand restart" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand restart" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand pause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand unpause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand unpause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand unpause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand top" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand top" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand top" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rename" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rename" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rename" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand port" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand port" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand port" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand pull" -l platform -d 'Set platform if server is multi-platform capable (os/arch[/variant])' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: verify, except for loopback registries)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand pull" -l cert-dir -d 'Directory of certificates (*.crt) to trust for the registry' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l creds -d 'Credentials (USERNAME:PASSWORD) to use with the registry' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand push" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand login" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand login" -l password-stdin -d 'Take the password from stdin'
complete -c berth -n "__fish_berth_using_subcommand login" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c berth -n "__fish_berth_using_subcommand logout" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logout" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand logout" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand logout" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand logout" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand load" -s i -l input -d 'Read from tar archive file (or OCI layout directory), instead of STDIN' -r -F
complete -c berth -n "__fish_berth_using_subcommand load" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand load" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand load" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand load" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand load" -s q -l quiet -d 'Suppress the load output'
complete -c berth -n "__fish_berth_using_subcommand load" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand save" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c berth -n "__fish_berth_using_subcommand save" -l format -d 'Archive format: docker-archive (default) or oci-archive' -r
complete -c berth -n "__fish_berth_using_subcommand save" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand save" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand save" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand save" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand save" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, label, before, since)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -s a -l all -d 'Show all images'
complete -c berth -n "__fish_berth_using_subcommand images" -s q -l quiet -d 'Only show image IDs'
complete -c berth -n "__fish_berth_using_subcommand images" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand images" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand images" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -s f -l force -d 'Force removal of the image'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand tag" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "ls" -d 'List images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "rm" -d 'Remove one or more images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "pull" -d 'Download an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "push" -d 'Upload an image to a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "load" -d 'Load images from a tar archive or STDIN'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "save" -d 'Save one or more images to a tar archive'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect pull push load save tag" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, label, before, since)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a Go template or \'json\'' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress verbose output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from tar archive file (or OCI layout directory), instead of STDIN' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the load output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format: docker-archive (default) or oci-archive' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "run" -d 'Create and run a new container from an image'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "create" -d 'Create a new container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "start" -d 'Start one or more stopped containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "ls" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "wait" -d 'Block until one or more containers stop'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "exec" -d 'Execute a command in a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "stop" -d 'Stop one or more running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "kill" -d 'Kill one or more running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "rename" -d 'Rename a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start ls rm wait logs inspect exec attach stop kill restart pause unpause top rename port" -f -a "port" -d 'List port mappings or a specific mapping for the container'
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume (HOST-DIR:CONTAINER-DIR[:ro])' -r
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune container pids limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (needs a delegated cgroup v2 hierarchy)' -r
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume (HOST-DIR:CONTAINER-DIR[:ro])' -r
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set meta data on a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to run to check health' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Start period for the container to initialize before counting retries' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options (json-file: max-size, max-file)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (needs a delegated cgroup v2 hierarchy)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (needs a delegated cgroup v2 hierarchy)' -r
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (-h is --hostname, as in docker)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to this container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Do not create /etc/hosts for the container: the image\'s own is used'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Automatically remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach container\'s STDIN'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided (status, name, id, label, exited, ancestor, publish, expose)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a Go template, `json`, or `table TEMPLATE`' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default shows just running)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display container IDs'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display total file sizes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Wait for: not-running (default), next-exit, removed' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a Go template or \'json\'' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Logging level (debug, info, warn, error)' -r
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
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand generate; and not __fish_seen_subcommand_from systemd" -f -a "systemd" -d 'Print a systemd user unit for a container'
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l time -d 'Seconds to wait for the container to stop' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand system; and not __fish_seen_subcommand_from check" -f -a "check" -d 'Check the store for damage: broken container and image records, names reserved for no container, scratch left by commands that died'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -l repair -d 'Fix what is found (damaged records are reset or removed, stale names and scratch removed)'
complete -c berth -n "__fish_berth_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand version" -l root -d 'Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l runroot -d 'Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l storage-driver -d 'Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l log-level -d 'Logging level (debug, info, warn, error)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -s h -l help -d 'Print help'
