//! The hand-off panel the page shows under the result (`src/ui/handoff.rs`): where the result
//! went and whether it arrived. On the first screen: one group, linked only there.

use super::fill;

words! {
    /// The delivery panel's words.
    pub struct HandOff {
        title,
        /// Followed by the dashboard's origin.
        dashboard,
        send_again,
        removed,
        no_dashboard,
        pending,
        delivered,
        /// Followed by the key's thumbprint.
        sealed,
        not_sealed,
        download_sealed,
        download,
        /// `{count}`.
        ignored,
    }
}

impl HandOff {
    pub fn ignored(&self, count: &str) -> String {
        fill(self.ignored, &[("count", count)])
    }
}
