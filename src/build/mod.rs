//! `berth build`: the Dockerfile parser (`dockerfile/`), the context and its
//! `.dockerignore` (`context.rs`, `ignore.rs`), COPY/ADD's layers (`copy.rs`) and the
//! executor (`executor.rs`: stages, steps, the step cache).

pub mod context;
pub mod copy;
pub mod dockerfile;
pub mod executor;
pub mod history;
pub mod ignore;
