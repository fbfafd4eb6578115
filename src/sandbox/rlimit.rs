//! OCI rlimit types as the kernel's resources (and ulimit's names, for messages).

use nix::sys::resource::Resource;
use oci_spec::runtime::PosixRlimitType as T;

pub fn resource(t: T) -> Resource {
    match t {
        T::RlimitCpu => Resource::RLIMIT_CPU,
        T::RlimitFsize => Resource::RLIMIT_FSIZE,
        T::RlimitData => Resource::RLIMIT_DATA,
        T::RlimitStack => Resource::RLIMIT_STACK,
        T::RlimitCore => Resource::RLIMIT_CORE,
        T::RlimitRss => Resource::RLIMIT_RSS,
        T::RlimitNproc => Resource::RLIMIT_NPROC,
        T::RlimitNofile => Resource::RLIMIT_NOFILE,
        T::RlimitMemlock => Resource::RLIMIT_MEMLOCK,
        T::RlimitAs => Resource::RLIMIT_AS,
        T::RlimitLocks => Resource::RLIMIT_LOCKS,
        T::RlimitSigpending => Resource::RLIMIT_SIGPENDING,
        T::RlimitMsgqueue => Resource::RLIMIT_MSGQUEUE,
        T::RlimitNice => Resource::RLIMIT_NICE,
        T::RlimitRtprio => Resource::RLIMIT_RTPRIO,
        T::RlimitRttime => Resource::RLIMIT_RTTIME,
    }
}

pub fn name(t: T) -> &'static str {
    match t {
        T::RlimitCpu => "cpu",
        T::RlimitFsize => "fsize",
        T::RlimitData => "data",
        T::RlimitStack => "stack",
        T::RlimitCore => "core",
        T::RlimitRss => "rss",
        T::RlimitNproc => "nproc",
        T::RlimitNofile => "nofile",
        T::RlimitMemlock => "memlock",
        T::RlimitAs => "as",
        T::RlimitLocks => "locks",
        T::RlimitSigpending => "sigpending",
        T::RlimitMsgqueue => "msgqueue",
        T::RlimitNice => "nice",
        T::RlimitRtprio => "rtprio",
        T::RlimitRttime => "rttime",
    }
}
