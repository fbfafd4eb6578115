//! `berth build`: the Dockerfile parser (`dockerfile/`); the builder comes on top of it.

pub mod dockerfile;
