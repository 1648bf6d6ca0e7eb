//! Where the hand-off to the dashboard stands, without I/O: which dashboard the page talks to,
//! whether a start may still be taken, and whether the result was acknowledged.
//!
//! The first valid `m365-registrar.start` pins its origin for the page's whole life, so a second
//! result can never go to another origin (docs/handoff.md, "Messages"). The browser layer checks
//! `event.origin` against `handoffOrigins` and `event.source` against the expected window before
//! anything reaches this type.

/// What the page answers to a start message that passed the origin, window and shape checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartVerdict {
    /// Taken: its origin is now the only one the page talks to.
    Accepted,
    /// The registration already began: the start can change nothing.
    TooLate,
    /// A start was already taken (from this origin or another): ignored.
    Repeated,
}

/// The delivery of one result to the dashboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryState {
    /// No dashboard sent a start: the admin downloads or copies the bundle.
    NoDashboard,
    /// A dashboard started the page; no result yet.
    Connected,
    /// The result was sent (`sends` times) and waits for the acknowledgement.
    Pending { result_id: String, sends: u32 },
    /// The dashboard acknowledged it: the secret and key may be dropped.
    Acknowledged,
}

/// The page's one hand-off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    dashboard: Option<String>,
    registration_began: bool,
    result_id: Option<String>,
    sends: u32,
    acknowledged: bool,
}

impl Default for Delivery {
    fn default() -> Self {
        Self::new()
    }
}

impl Delivery {
    pub fn new() -> Self {
        Delivery {
            dashboard: None,
            registration_began: false,
            result_id: None,
            sends: 0,
            acknowledged: false,
        }
    }

    /// The origin results, status and progress go to, once a start pinned it.
    pub fn dashboard(&self) -> Option<&str> {
        self.dashboard.as_deref()
    }

    /// Whether a message from `origin` (already checked against `handoffOrigins`) may be
    /// heard: once a start pinned a dashboard, no other origin is, not even an allowed one.
    pub fn hears(&self, origin: &str) -> bool {
        self.dashboard
            .as_deref()
            .is_none_or(|dashboard| dashboard == origin)
    }

    /// A start arrived from `origin` (already checked against `handoffOrigins`).
    pub fn on_start(&mut self, origin: &str) -> StartVerdict {
        if self.dashboard.is_some() {
            return StartVerdict::Repeated;
        }
        if self.registration_began {
            return StartVerdict::TooLate;
        }
        self.dashboard = Some(origin.to_owned());
        StartVerdict::Accepted
    }

    /// The registration began reading the tenant with the start's profile and key: a start
    /// after this would change nothing. (Its hints shape the sign-in only if it came before the
    /// admin clicked "Sign in".)
    pub fn registration_began(&mut self) {
        self.registration_began = true;
    }

    /// A result with `result_id` is ready: where to send it, if a dashboard is connected. A
    /// page that already delivered one keeps its dashboard: the new result goes to the same
    /// origin or nowhere.
    pub fn result_ready(&mut self, result_id: &str) -> Option<&str> {
        self.result_id = Some(result_id.to_owned());
        self.sends = 0;
        self.acknowledged = false;
        self.send()
    }

    /// The admin asked to send the result again (or it is sent the first time): the origin to
    /// post it to, if there is a dashboard and a result not yet acknowledged.
    pub fn send(&mut self) -> Option<&str> {
        if self.acknowledged || self.result_id.is_none() {
            return None;
        }
        let dashboard = self.dashboard.as_deref()?;
        self.sends += 1;
        Some(dashboard)
    }

    /// An acknowledgement from `origin`: true if it is the pinned dashboard's, for the current
    /// result, which is then delivered. Any other is ignored.
    pub fn on_ack(&mut self, origin: &str, result_id: &str) -> bool {
        // A repeated ack (the result was sent twice) is not a second delivery: what follows a
        // delivery (a rotation's old credentials removed, the worker ended) happens once.
        let ours = !self.acknowledged
            && self.dashboard.as_deref() == Some(origin)
            && self.result_id.as_deref() == Some(result_id)
            && self.sends > 0;
        if ours {
            self.acknowledged = true;
        }
        ours
    }

    pub fn state(&self) -> DeliveryState {
        match (&self.dashboard, &self.result_id) {
            (None, _) => DeliveryState::NoDashboard,
            (Some(_), _) if self.acknowledged => DeliveryState::Acknowledged,
            (Some(_), Some(result_id)) if self.sends > 0 => DeliveryState::Pending {
                result_id: result_id.clone(),
                sends: self.sends,
            },
            (Some(_), _) => DeliveryState::Connected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DASHBOARD: &str = "https://dashboard.example.com";
    const OTHER: &str = "https://eu.dashboard.example.com";

    #[test]
    fn without_a_start_nothing_is_sent_and_the_admin_downloads() {
        let mut delivery = Delivery::new();
        assert_eq!(delivery.result_ready("r1"), None);
        assert_eq!(delivery.send(), None);
        assert_eq!(delivery.state(), DeliveryState::NoDashboard);
        assert!(!delivery.on_ack(DASHBOARD, "r1"));
    }

    #[test]
    fn the_first_start_pins_its_origin_for_every_later_result() {
        let mut delivery = Delivery::new();
        assert_eq!(delivery.on_start(DASHBOARD), StartVerdict::Accepted);
        assert_eq!(delivery.on_start(OTHER), StartVerdict::Repeated);
        assert_eq!(delivery.on_start(DASHBOARD), StartVerdict::Repeated);
        assert_eq!(delivery.state(), DeliveryState::Connected);
        assert_eq!(delivery.result_ready("r1"), Some(DASHBOARD));
        assert!(delivery.on_ack(DASHBOARD, "r1"));
        // A second run's result: the same dashboard, never the other one.
        assert_eq!(delivery.result_ready("r2"), Some(DASHBOARD));
        assert!(!delivery.on_ack(OTHER, "r2"));
        assert_eq!(delivery.dashboard(), Some(DASHBOARD));
        assert!(delivery.hears(DASHBOARD));
        assert!(
            !delivery.hears(OTHER),
            "another allowed origin is not heard once pinned"
        );
    }

    #[test]
    fn a_start_after_the_registration_began_is_too_late() {
        let mut delivery = Delivery::new();
        delivery.registration_began();
        assert_eq!(delivery.on_start(DASHBOARD), StartVerdict::TooLate);
        assert_eq!(delivery.dashboard(), None);
    }

    #[test]
    fn sending_again_keeps_the_result_pending_until_its_own_ack() {
        let mut delivery = Delivery::new();
        delivery.on_start(DASHBOARD);
        assert_eq!(delivery.result_ready("r1"), Some(DASHBOARD));
        assert_eq!(delivery.send(), Some(DASHBOARD));
        assert_eq!(
            delivery.state(),
            DeliveryState::Pending {
                result_id: "r1".into(),
                sends: 2
            }
        );
        // Another result's id, or another origin: not an acknowledgement.
        assert!(!delivery.on_ack(DASHBOARD, "r0"));
        assert!(!delivery.on_ack(OTHER, "r1"));
        assert!(matches!(delivery.state(), DeliveryState::Pending { .. }));
        assert!(delivery.on_ack(DASHBOARD, "r1"));
        assert_eq!(delivery.state(), DeliveryState::Acknowledged);
        assert!(
            !delivery.on_ack(DASHBOARD, "r1"),
            "a repeated ack delivers nothing more"
        );
        // Nothing is sent after the acknowledgement.
        assert_eq!(delivery.send(), None);
    }

    #[test]
    fn an_ack_before_anything_was_sent_is_not_one() {
        let mut delivery = Delivery::new();
        delivery.on_start(DASHBOARD);
        assert!(!delivery.on_ack(DASHBOARD, "r1"));
        assert_eq!(delivery.state(), DeliveryState::Connected);
    }
}
