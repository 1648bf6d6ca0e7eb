//! The tenant preview: how many users, groups, mailboxes and SharePoint sites the backup will see,
//! read with the admin's token after sign-in.
//!
//! One `$batch` of four reads ([`calls`]), then the further pages of the sites search if there
//! are any. A count Graph refuses (a permission the sign-in lacks, a guest account, throttling
//! that outlasts the retries) becomes [`Count::Unknown`] with the reason as a kind
//! ([`Unknown`]), said in the admin's language by `Unknown::says`; the preview as a whole never
//! fails.
//!
//! ```text
//! let preview = preview::read_tenant_preview(&http, &timer, target, &policy, &mut run, &mut |wait| show(wait)).await;
//! show(preview.users); // Known(412) or Unknown(Refused { counted: Users, refusal: MissingPermission, .. })
//! ```

mod calls;
mod count;
mod read;
mod reply;
#[cfg(test)]
mod tests;
mod unknown;

pub use calls::{SITE_PAGES_MAX, calls};
pub use count::{Count, Counted, TenantPreview};
pub use read::read_tenant_preview;
pub use reply::{Reading, read_reply};
pub use unknown::{Refusal, Unknown};
