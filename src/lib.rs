#![recursion_limit = "256"]
//! berth: a daemonless, rootless container engine with docker's command line.
//! docs/ARCHITECTURE.md is the map of the modules below.

pub mod build;
pub mod cli;
pub mod container;
pub mod docs;
pub mod doctor;
pub mod format;
pub mod image;
pub mod network;
pub mod oci;
pub mod registry;
pub mod sandbox;
pub mod storage;
pub mod store;
pub mod sys;
