//! What the preview shows: four counts, each known or unknown with a reason.

use super::unknown::Unknown;

/// One number of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    /// Microsoft Graph's count.
    Known(u64),
    /// No count, and why (said in words an admin can act on).
    Unknown(Unknown),
}

impl Count {
    /// The number, if known.
    pub fn known(&self) -> Option<u64> {
        match self {
            Count::Known(n) => Some(*n),
            Count::Unknown(_) => None,
        }
    }
}

/// What the backup will see in the tenant, as far as the admin's sign-in can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantPreview {
    /// Every user account of the directory, members and guests (`GET /users/$count`).
    pub users: Count,
    /// Every group: Microsoft 365, security and distribution groups (`GET /groups/$count`).
    pub groups: Count,
    /// Member users with an email address: see [`Counted::Mailboxes`] for what that includes.
    pub mailboxes: Count,
    /// SharePoint sites the tenant's search returns for the admin: see [`Counted::Sites`].
    pub sites: Count,
}

/// The four things counted, with the Graph call that counts each and the delegated
/// permission it needs (the least privileged one of the Graph API reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// `GET /users/$count` (<https://learn.microsoft.com/graph/api/user-list>, "Get only a
    /// count of users"): least privileged delegated permission `User.ReadBasic.All`.
    Users,
    /// `GET /groups/$count` (<https://learn.microsoft.com/graph/api/group-list>): least
    /// privileged delegated permission `GroupMember.Read.All`.
    Groups,
    /// Users with `userType eq 'Member'` and `mail ne null`, counted with `$count`: a member
    /// with an email address in Exchange Online is a mailbox user, shared, room or equipment
    /// mailbox. An upper estimate: it also counts mail users whose mailbox is elsewhere (on
    /// premises in a hybrid setup) and users whose licence was removed; it leaves out the
    /// mailboxes of Microsoft 365 groups and guests. `mail ne null` needs the advanced query
    /// (<https://learn.microsoft.com/graph/aad-advanced-queries>), which `$count` and
    /// `ConsistencyLevel: eventual` already make. `userType` is outside the basic profile, so
    /// the least delegated permission is `User.Read.All`.
    Mailboxes,
    /// `GET /sites?search=*` (<https://learn.microsoft.com/graph/api/site-search>): least
    /// privileged delegated permission `Sites.Read.All`. Delegated search is trimmed to what
    /// the signed-in admin may open, so it can show fewer sites than the backup (with its
    /// application permissions) will see. `GET /sites/getAllSites`, which lists every site,
    /// takes application permissions only
    /// (<https://learn.microsoft.com/graph/api/site-getallsites>). Sites have no `$count`:
    /// the search's pages are counted.
    Sites,
}

impl Counted {
    /// In the order of [`calls`](super::calls) and of the preview's fields.
    pub const ALL: [Counted; 4] = [
        Counted::Users,
        Counted::Groups,
        Counted::Mailboxes,
        Counted::Sites,
    ];

    /// The least privileged delegated permission that lets the admin's sign-in count it.
    pub fn permission(self) -> &'static str {
        match self {
            Counted::Users => "User.ReadBasic.All",
            Counted::Groups => "GroupMember.Read.All",
            Counted::Mailboxes => "User.Read.All",
            Counted::Sites => "Sites.Read.All",
        }
    }
}
