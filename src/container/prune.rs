//! Which containers `container prune` / `system prune` remove: every one that is not
//! running, paused or restarting, narrowed by docker's prune filters (`until=`,
//! `label=`, `label!=`).

use super::record::Status;
use super::{Containers, Listed};
use crate::format::filter::Filters;
use anyhow::Result;

/// The filter keys docker's prune commands take.
pub const FILTER_KEYS: [&str; 3] = ["until", "label", "label!"];

/// docker's prune filters over a creation time and labels.
pub struct PruneFilter {
    until: Option<std::time::SystemTime>,
    filters: Filters,
}

impl PruneFilter {
    pub fn parse(args: &[String]) -> Result<PruneFilter> {
        let filters = Filters::parse(args, &FILTER_KEYS)?;
        let until = match filters.get("until") {
            [] => None,
            [one] => Some(super::logs::parse_time_arg(one)?),
            _ => anyhow::bail!("more than one until filter specified"),
        };
        Ok(PruneFilter { until, filters })
    }

    pub fn matches(
        &self,
        created: Option<&str>,
        labels: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        if let Some(u) = self.until {
            match created.and_then(crate::store::time::parse_rfc3339) {
                Some(c) if c < u => {}
                _ => return false,
            }
        }
        let negated = self
            .filters
            .get("label!")
            .iter()
            .any(|want| match want.split_once('=') {
                Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
                None => labels.contains_key(want.as_str()),
            });
        self.filters.labels_match(labels) && !negated
    }
}

/// The containers a prune removes, newest first.
pub fn candidates(ctrs: &Containers, f: &PruneFilter) -> Result<Vec<Listed>> {
    Ok(ctrs
        .list()?
        .into_iter()
        .filter(|c| {
            !matches!(
                c.state.status,
                Status::Running | Status::Paused | Status::Restarting
            ) && !c.state.running
        })
        .filter(|c| f.matches(Some(&c.rec.created), &c.rec.config.labels))
        .collect())
}
