//! Which step the admin is on, and how the steps follow each other. The page owns the current
//! [`Wizard`] and shows one component per [`Step`]; what each event does is decided here, where
//! it is tested without a browser.

use super::words::{EN_PAGE, Steps};

/// What the admin came to do, chosen on the welcome screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Path {
    /// Create the backup app (or resume and repair the one this product made).
    #[default]
    Connect,
    /// Check an existing app against the profile, and repair it.
    Check,
    /// Rotate the credentials of an app this product made, or disconnect it.
    Maintain,
    /// Do it by hand in the Entra admin center: instructions and a manifest, no sign-in.
    Manual,
}

impl Path {
    /// The name a welcome button's `data-action` carries.
    pub fn from_action(action: &str) -> Option<Path> {
        Some(match action {
            "path-connect" => Path::Connect,
            "path-check" => Path::Check,
            "path-maintain" => Path::Maintain,
            "path-manual" => Path::Manual,
            _ => return None,
        })
    }

    /// Whether the path signs the admin in (all but the manual one).
    pub fn signs_in(self) -> bool {
        self != Path::Manual
    }
}

/// The step on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    /// What will happen, and the ways to start; a failed sign-in comes back here, said.
    #[default]
    Welcome,
    /// The Microsoft window is open; the page waits for its answer.
    SigningIn,
    /// The answer is back: the code is redeemed and Graph asked who signed in.
    Checking,
    /// The path's own screens, built by the registration worker: who signed in, the plan, the
    /// progress, the result; or the check, the rotation, the manual instructions.
    Working,
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The admin chose a path that signs in, and the sign-in window opened (inside the click),
    /// or, the window blocked, the page offers the sign-in in a new tab.
    SignInOpened(Path),
    /// The sign-in's answer came back (from the window or the new tab).
    AnswerArrived,
    /// The worker says who signed in.
    SignedIn,
    /// The sign-in failed, was cancelled, or the dashboard cancelled before any write.
    Failed,
    /// The admin chose the manual path: no sign-in.
    ManualChosen,
}

/// The current step and path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wizard {
    pub step: Step,
    pub path: Path,
}

impl Wizard {
    /// The wizard after `event`. An event that makes no sense where the admin is (a late
    /// answer after a cancel, a second `SignedIn`) changes nothing.
    pub fn on(self, event: Event) -> Wizard {
        use Step::*;
        let step = match (self.step, event) {
            // A new sign-in may start from anywhere: "start again", "another account".
            (_, Event::SignInOpened(path)) => {
                return Wizard {
                    step: SigningIn,
                    path,
                };
            }
            (Welcome, Event::ManualChosen) => {
                return Wizard {
                    step: Working,
                    path: Path::Manual,
                };
            }
            (SigningIn, Event::AnswerArrived) => Checking,
            (Checking, Event::SignedIn) => Working,
            (SigningIn | Checking, Event::Failed) => Welcome,
            // The dashboard cancelled before anything was written: back to the start, said.
            (Working, Event::Failed) if self.path.signs_in() => Welcome,
            (step, _) => step,
        };
        Wizard { step, ..self }
    }

    /// A title for the browser tab (screens after sign-in bring their own), in English.
    pub fn title(self) -> &'static str {
        self.title_in(EN_PAGE.steps)
    }

    /// A title for the browser tab, in the admin's language.
    pub fn title_in(self, words: &Steps) -> &'static str {
        match self.step {
            Step::Welcome => words.welcome,
            Step::SigningIn => words.signing_in,
            Step::Checking => words.checking,
            Step::Working => words.working,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(events: &[Event]) -> Wizard {
        events
            .iter()
            .fold(Wizard::default(), |wizard, event| wizard.on(*event))
    }

    #[test]
    fn the_connect_path_goes_welcome_sign_in_checking_working() {
        let wizard = after(&[
            Event::SignInOpened(Path::Connect),
            Event::AnswerArrived,
            Event::SignedIn,
        ]);
        assert_eq!(wizard.step, Step::Working);
        assert_eq!(wizard.path, Path::Connect);
    }

    #[test]
    fn a_failed_sign_in_returns_to_the_welcome_keeping_the_path() {
        let wizard = after(&[Event::SignInOpened(Path::Check), Event::Failed]);
        assert_eq!(wizard.step, Step::Welcome);
        assert_eq!(wizard.path, Path::Check);
        let wizard = after(&[
            Event::SignInOpened(Path::Connect),
            Event::AnswerArrived,
            Event::Failed,
        ]);
        assert_eq!(wizard.step, Step::Welcome);
    }

    #[test]
    fn a_late_answer_or_a_second_signed_in_changes_nothing() {
        let welcome = Wizard::default();
        assert_eq!(welcome.on(Event::SignedIn), welcome);
        let working = after(&[
            Event::SignInOpened(Path::Connect),
            Event::AnswerArrived,
            Event::SignedIn,
        ]);
        assert_eq!(working.on(Event::AnswerArrived), working);
        assert_eq!(working.on(Event::SignedIn), working);
    }

    #[test]
    fn another_account_signs_in_again_from_the_working_step() {
        let working = after(&[
            Event::SignInOpened(Path::Connect),
            Event::AnswerArrived,
            Event::SignedIn,
        ]);
        assert_eq!(
            working.on(Event::SignInOpened(Path::Connect)).step,
            Step::SigningIn
        );
    }

    #[test]
    fn the_manual_path_needs_no_sign_in_and_cannot_be_cancelled_back() {
        let manual = Wizard::default().on(Event::ManualChosen);
        assert_eq!((manual.step, manual.path), (Step::Working, Path::Manual));
        assert_eq!(manual.on(Event::Failed), manual);
        assert!(!Path::Manual.signs_in());
    }

    #[test]
    fn an_answer_counts_only_while_a_sign_in_waits() {
        // Nothing resumes a sign-in on a fresh page: its verifier was only ever in memory.
        assert_eq!(
            Wizard::default().on(Event::AnswerArrived).step,
            Step::Welcome
        );
    }

    #[test]
    fn welcome_buttons_name_their_paths() {
        for (action, path) in [
            ("path-connect", Path::Connect),
            ("path-check", Path::Check),
            ("path-maintain", Path::Maintain),
            ("path-manual", Path::Manual),
        ] {
            assert_eq!(Path::from_action(action), Some(path));
        }
        assert_eq!(Path::from_action("path-elsewhere"), None);
    }
}
