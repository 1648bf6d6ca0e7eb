//! Every word the wizard's screens say, one place per language: [`EN`] (`en.rs`) and [`DE`]
//! (`de.rs`). A screen builder takes a `&Words` and says nothing of its own.
//!
//! Shape: one group of fields per screen (or per part shared by screens), each a plain
//! `&'static str`, so a translator reads a language file top to bottom and a reviewer compares
//! two files line by line. A sentence that holds a value is a template with named slots
//! (`{app}`, `{days}`): the order of words is the language's, not the code's. [`fill`] puts
//! text in the slots; [`fill_nodes`] puts elements there (a tenant's name stays a `bdi`, a
//! client id stays `code`). Values are put in once, never read again as a template, so a
//! tenant's name holding `{app}` is shown as typed.
//!
//! The other modules' words are groups here too, so all the words of a language are in one
//! file: the engine's (`Engine`), the maintenance's (`Maintenance`), the sign-in's failures
//! (`SignInFailures`), the reasons of the catalog, the scopes, the certificate and the role
//! (`Reasons`), the portal's steps (`Portal`), the hand-off panel (`HandOff`), why a tenant
//! count is unknown (`Preview`), the Entra roles' names (`Roles`) and the worker's faults of the
//! page (`Faults`). Still English: Microsoft Graph's own messages, the browser's own words, what
//! the page tells the dashboard, and the configuration error page (README, "Languages").
//!
//! Names from the tenant (apps, users, domains, roles) are never translated.

mod de;
mod en;

pub use de::*;
pub use en::*;

use crate::config::Cloud;
use crate::portal::{AdminPortal, admin_portal};
use crate::wizard::view::Node;

/// Declares a group of words: a struct of `&'static str` fields and the list of them, which
/// the tests walk to compare languages.
macro_rules! words {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* $field:ident,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: &'static str,)*
        }

        impl $name {
            /// Every field, with its name.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field),)*]
            }

            /// Every field's words, in declaration order: without the names, which only the
            /// tests read (the names cost the first screen's download 0.6 KB).
            pub fn values(&self) -> Vec<&'static str> {
                vec![$(self.$field,)*]
            }

            /// This group with its words replaced by `values`, in declaration order (as
            /// [`Self::values`] lists them); `None` if there are more or fewer. Field by field
            /// through a loop: a struct literal of them costs the page 5 KB of code.
            pub fn with_values(mut self, values: &[&'static str]) -> Option<Self> {
                let slots = [$(&mut self.$field,)*];
                if slots.len() != values.len() {
                    return None;
                }
                for (slot, value) in slots.into_iter().zip(values) {
                    *slot = value;
                }
                Some(self)
            }
        }
    };
}

mod engine;
mod faults;
mod file;
mod groups;
mod hand_off;
mod maintenance;
mod portal;
mod preview;
mod reasons;
mod roles;
mod sign_in_failures;
pub use engine::*;
pub use faults::*;
pub use file::*;
pub use groups::*;
pub use hand_off::*;
pub use maintenance::*;
pub use portal::*;
pub use preview::*;
pub use reasons::*;
pub use roles::*;
pub use sign_in_failures::*;

/// The groups the page's own steps say (the welcome, the tabs' titles). Only these reach the
/// first screen's download: the rest is said by the registration worker (README, "Download
/// size").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWords {
    pub steps: &'static Steps,
    pub sign_in: &'static SignIn,
    pub common: &'static Common,
    pub welcome: &'static Welcome,
    pub permissions: &'static Permissions,
    pub reasons: &'static Reasons,
    pub hand_off: &'static HandOff,
}

/// The English words of the page's own steps, group by group (not `EN.page()`, which would
/// link every English word into the page; see [`PageWords`]).
pub const EN_PAGE: PageWords = PageWords {
    steps: &EN_STEPS,
    sign_in: &EN_SIGN_IN,
    common: &EN_COMMON,
    welcome: &EN_WELCOME,
    permissions: &EN_PERMISSIONS,
    reasons: &EN_REASONS,
    hand_off: &EN_HAND_OFF,
};

/// Everything the wizard says in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub steps: Steps,
    pub sign_in: SignIn,
    pub common: Common,
    pub welcome: Welcome,
    pub who: Who,
    pub run: Run,
    pub check: Check,
    pub busy: Busy,
    pub maintain: Maintain,
    pub manual: Manual,
    pub extras: Extras,
    pub permissions: Permissions,
    pub engine: Engine,
    pub reasons: Reasons,
    pub maintenance: Maintenance,
    pub portal: Portal,
    pub sign_in_failures: SignInFailures,
    pub hand_off: HandOff,
    pub preview: Preview,
    pub roles: Roles,
    pub faults: Faults,
}

impl Words {
    /// The groups of the page's own steps, out of all the words.
    pub fn page(&'static self) -> PageWords {
        PageWords {
            steps: &self.steps,
            sign_in: &self.sign_in,
            common: &self.common,
            welcome: &self.welcome,
            permissions: &self.permissions,
            reasons: &self.reasons,
            hand_off: &self.hand_off,
        }
    }

    /// Every field as (`group.field`, words), in declaration order.
    pub fn entries(&self) -> Vec<(String, &'static str)> {
        let groups = [
            ("steps", self.steps.entries()),
            ("sign_in", self.sign_in.entries()),
            ("common", self.common.entries()),
            ("welcome", self.welcome.entries()),
            ("who", self.who.entries()),
            ("run", self.run.entries()),
            ("check", self.check.entries()),
            ("busy", self.busy.entries()),
            ("maintain", self.maintain.entries()),
            ("manual", self.manual.entries()),
            ("extras", self.extras.entries()),
            ("permissions", self.permissions.entries()),
            ("engine", self.engine.entries()),
            ("reasons", self.reasons.entries()),
            ("maintenance", self.maintenance.entries()),
            ("portal", self.portal.entries()),
            ("sign_in_failures", self.sign_in_failures.entries()),
            ("hand_off", self.hand_off.entries()),
            ("preview", self.preview.entries()),
            ("roles", self.roles.entries()),
            ("faults", self.faults.entries()),
        ];
        groups
            .into_iter()
            .flat_map(|(group, entries)| {
                entries
                    .into_iter()
                    .map(move |(field, words)| ([group, ".", field].concat(), words))
            })
            .collect()
    }

    /// What admins call `portal` in this language: the Entra admin center has a name in each;
    /// the national clouds' Azure portals keep their English names.
    pub fn portal_name(&self, portal: &AdminPortal) -> &'static str {
        if admin_portal(Cloud::Global).as_ref() == Some(portal) {
            self.common.entra_admin_center
        } else {
            portal.name()
        }
    }
}

/// Unicode's first-strong isolate and pop directional isolate (UAX #9, "Explicit Directional
/// Isolates", <https://www.unicode.org/reports/tr9/>): around a tenant's name inside a
/// sentence, they mark it for the screen, which shows it as a `bdi` (`Node::say`).
pub const ISOLATE: char = '\u{2068}';
pub const END_ISOLATE: char = '\u{2069}';

/// A name from the tenant, marked to be shown isolated from the words around it. Isolates the
/// name itself holds are dropped: the name cannot end its own isolation.
pub fn isolated(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 6);
    out.push(ISOLATE);
    out.extend(name.chars().filter(|c| *c != ISOLATE && *c != END_ISOLATE));
    out.push(END_ISOLATE);
    out
}

/// Words without the marks of [`isolated`] (for the dashboard and logs, which get text).
pub fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| *c != ISOLATE && *c != END_ISOLATE)
        .collect()
}

/// `text` in another language: the field of `to` that stands where `text` stands in `from` (the
/// same group, in English), or `text` as it is when no field says it (a deployer's own words).
pub fn translated<'a>(from: &[&'static str], to: &[&'static str], text: &'a str) -> &'a str {
    from.iter()
        .zip(to)
        .find(|(english, _)| **english == text)
        .map_or(text, |(_, said)| said)
}

impl Reasons {
    /// A reason the catalog or the scopes gave in English, in this language (a deployer's own
    /// stays as written).
    pub fn of<'a>(&self, english: &'a str) -> &'a str {
        translated(&EN_REASONS.values(), &self.values(), english)
    }
}

/// A piece of a template: words, or a slot's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

/// A template cut at its slots: `{name}` with a name of lowercase letters, digits and `_`. Any other
/// brace is text.
pub fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let slot = after.find('}').map(|close| &after[..close]).filter(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        });
        match slot {
            Some(name) => {
                if open > 0 {
                    out.push(Piece::Text(&rest[..open]));
                }
                out.push(Piece::Slot(name));
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The template with each slot's value; a slot without one is left empty.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    pieces(template)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text,
            Piece::Slot(name) => values
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, value)| value),
        })
        .collect()
}

/// The template as nodes: its words as text, each slot's node in its place.
pub fn fill_nodes(template: &str, values: &[(&str, Node)]) -> Vec<Node> {
    pieces(template)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Text(text) => Some(Node::text(text)),
            Piece::Slot(name) => values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, node)| node.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests;
