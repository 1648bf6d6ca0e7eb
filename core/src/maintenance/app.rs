//! The app a check found, as the later steps (repair, rotate, disconnect) need it: who made
//! it, and its credentials with their expiry (never a value: Graph never lists one).

use crate::registration::certificate::KeyCredential;
use crate::registration::facts::{ExistingApp, PasswordCredential};
use crate::registration::secret::VERIFIED_TAG_PREFIX;
use crate::registration::time::millis_from_iso;
use crate::registration::{RegistrationRequest, TargetApp};

/// A credential expiring within this many days is reported (30).
pub const EXPIRING_WITHIN_DAYS: u64 = 30;
const DAY_MILLIS: u64 = 86_400_000;

/// Who made the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Maker {
    /// It carries this deployment's `uniqueName` (`request::unique_name`).
    ThisProduct,
    /// Registered by hand and since repaired by this product: a run recorded a credential it
    /// handed out in the app's `tags` (where the tenant would not give it the `uniqueName`).
    AdoptedByThisProduct,
    /// Not made by this product, but it has the configured display name: a registration would
    /// adopt it.
    SameNameByHand,
    /// Not this product's.
    Other,
}

impl Maker {
    /// What [`Maker`] the app is for the deployment of `request`.
    pub fn of(app: &ExistingApp, request: &RegistrationRequest) -> Maker {
        if app
            .unique_name
            .as_deref()
            .is_some_and(|u| u.eq_ignore_ascii_case(&request.unique_name))
        {
            return Maker::ThisProduct;
        }
        let same_name = app
            .display_name
            .trim()
            .eq_ignore_ascii_case(request.app_display_name.trim());
        let recorded = app.tags.iter().any(|t| t.starts_with(VERIFIED_TAG_PREFIX));
        match (same_name, recorded, app.unique_name.is_some()) {
            (true, true, false) => Maker::AdoptedByThisProduct,
            (true, false, false) => Maker::SameNameByHand,
            _ => Maker::Other,
        }
    }

    /// Made (or adopted) by this product: rotate and disconnect need no confirmation.
    pub fn is_this_product(self) -> bool {
        matches!(self, Maker::ThisProduct | Maker::AdoptedByThisProduct)
    }
}

/// How long a credential is valid yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Valid {
        days_left: u64,
    },
    /// Within [`EXPIRING_WITHIN_DAYS`].
    ExpiresSoon {
        days_left: u64,
    },
    Expired,
    /// Graph gave no end date that could be read.
    Unknown,
}

impl Expiry {
    pub fn at(end_date_time: &str, now_millis: u64) -> Expiry {
        match millis_from_iso(end_date_time) {
            None => Expiry::Unknown,
            Some(end) if end <= now_millis => Expiry::Expired,
            Some(end) => {
                let days_left = (end - now_millis) / DAY_MILLIS;
                if days_left < EXPIRING_WITHIN_DAYS {
                    Expiry::ExpiresSoon { days_left }
                } else {
                    Expiry::Valid { days_left }
                }
            }
        }
    }

    /// Something can still sign in with it.
    pub fn is_usable(self) -> bool {
        !matches!(self, Expiry::Expired)
    }
}

/// A secret or certificate on the app: its id, name and end, never its value or key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub key_id: String,
    pub display_name: String,
    /// `endDateTime` as Graph wrote it.
    pub ends: String,
    pub expiry: Expiry,
}

impl Credential {
    fn secret(c: &PasswordCredential, now_millis: u64) -> Self {
        Credential {
            key_id: c.key_id.clone(),
            display_name: c.display_name.clone(),
            ends: c.end_date_time.clone(),
            expiry: Expiry::at(&c.end_date_time, now_millis),
        }
    }

    fn certificate(c: &KeyCredential, now_millis: u64) -> Self {
        Credential {
            key_id: c.key_id.clone(),
            display_name: c.display_name.clone(),
            ends: c.end_date_time.clone(),
            expiry: Expiry::at(&c.end_date_time, now_millis),
        }
    }
}

/// The app a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedApp {
    pub object_id: String,
    pub app_id: String,
    pub display_name: String,
    pub unique_name: Option<String>,
    pub maker: Maker,
    /// Its service principal (enterprise application), if it has one.
    pub principal_id: Option<String>,
    pub secrets: Vec<Credential>,
    pub certificates: Vec<Credential>,
}

impl CheckedApp {
    pub fn new(
        app: &ExistingApp,
        request: &RegistrationRequest,
        principal_id: Option<String>,
        now_millis: u64,
    ) -> Self {
        CheckedApp {
            object_id: app.id.clone(),
            app_id: app.app_id.clone(),
            display_name: app.display_name.clone(),
            unique_name: app.unique_name.clone(),
            maker: Maker::of(app, request),
            principal_id,
            secrets: app
                .password_credentials
                .iter()
                .map(|c| Credential::secret(c, now_millis))
                .collect(),
            certificates: app
                .key_credentials
                .iter()
                .map(|c| Credential::certificate(c, now_millis))
                .collect(),
        }
    }

    /// The app as a registration run's target (repair, rotation).
    pub fn target(&self) -> TargetApp {
        TargetApp {
            object_id: self.object_id.clone(),
            app_id: self.app_id.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::time::iso_from_millis;

    const NOW: u64 = 1_795_000_000_000;

    #[test]
    fn expiry_is_counted_in_whole_days_from_now() {
        let at = |days: u64| iso_from_millis(NOW + days * DAY_MILLIS);
        assert_eq!(Expiry::at(&at(90), NOW), Expiry::Valid { days_left: 90 });
        assert_eq!(
            Expiry::at(&at(29), NOW),
            Expiry::ExpiresSoon { days_left: 29 }
        );
        assert_eq!(
            Expiry::at(&iso_from_millis(NOW - 1000), NOW),
            Expiry::Expired
        );
        assert_eq!(Expiry::at("never", NOW), Expiry::Unknown);
    }
}
