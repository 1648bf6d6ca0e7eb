//! The profiles a deployment can choose. Each asks for the least that covers its workloads;
//! every one includes discovery (users and groups), without which nothing can be found.

use super::Profile;
use super::permissions::*;

pub(super) static ALL: &[Profile] = &[
    FULL_BACKUP,
    EXCHANGE_ONLY,
    ONEDRIVE_SHAREPOINT,
    READ_ONLY,
    KODO_COMPATIBLE,
];

const FULL_BACKUP: Profile = Profile {
    id: "full-backup",
    title: "Full Microsoft 365 backup",
    summary: "Mailboxes, calendars and contacts, OneDrive and SharePoint, with restore.",
    permissions: &[
        GRAPH_USER_READ_ALL,
        GRAPH_GROUP_READ_ALL,
        GRAPH_MAIL_READ_WRITE,
        GRAPH_CALENDARS_READ_WRITE,
        GRAPH_CONTACTS_READ_WRITE,
        GRAPH_FILES_READ_WRITE_ALL,
        GRAPH_SITES_FULL_CONTROL_ALL,
        SHAREPOINT_SITES_FULL_CONTROL_ALL,
    ],
};

const EXCHANGE_ONLY: Profile = Profile {
    id: "exchange-only",
    title: "Exchange Online backup",
    summary: "Mailboxes, calendars and contacts through Microsoft Graph, with restore.",
    permissions: &[
        GRAPH_USER_READ_ALL,
        GRAPH_GROUP_READ_ALL,
        GRAPH_MAIL_READ_WRITE,
        GRAPH_CALENDARS_READ_WRITE,
        GRAPH_CONTACTS_READ_WRITE,
    ],
};

const ONEDRIVE_SHAREPOINT: Profile = Profile {
    id: "onedrive-sharepoint",
    title: "OneDrive and SharePoint backup",
    summary: "Every OneDrive and SharePoint site, with their permissions, with restore.",
    permissions: &[
        GRAPH_USER_READ_ALL,
        GRAPH_GROUP_READ_ALL,
        GRAPH_FILES_READ_WRITE_ALL,
        GRAPH_SITES_FULL_CONTROL_ALL,
        SHAREPOINT_SITES_FULL_CONTROL_ALL,
    ],
};

/// Backup without restore: read permissions only, all through Microsoft Graph. SharePoint's
/// own `Sites.Read.All` is left out: Graph's Sites.Read.All already reads every document and
/// list item, and SharePoint app-only would force a certificate (a private key to create, hand
/// off and protect) for what is only list and site settings. A vendor who needs those adds it
/// with `customPermissions`.
const READ_ONLY: Profile = Profile {
    id: "read-only",
    title: "Read-only Microsoft 365 backup",
    summary: "Mailboxes, calendars, contacts, OneDrive and SharePoint, backup only (no restore).",
    permissions: &[
        GRAPH_USER_READ_ALL,
        GRAPH_GROUP_READ_ALL,
        GRAPH_MAIL_READ,
        GRAPH_CALENDARS_READ,
        GRAPH_CONTACTS_READ,
        GRAPH_FILES_READ_ALL,
        GRAPH_SITES_READ_ALL,
    ],
};

/// What KODO for Cloud's manual registration asks for, brought up to date: its Azure AD Graph
/// rows become the Microsoft Graph permissions of the same names, EWS `full_access_as_app` is
/// left out (EWS blocked in Exchange Online from October 2026), `Exchange.ManageAsApp` comes
/// only with `"exchangeManagement": true` (alone it grants nothing), SharePoint's app roles are
/// used with a certificate instead of appinv.aspx (ACS retired April 2026), delegated rows are
/// granted for the whole organization, and rows asked for twice are asked for once. The README
/// maps every row.
const KODO_COMPATIBLE: Profile = Profile {
    id: "kodo-compatible",
    title: "KODO for Cloud compatible",
    summary: "The permissions KODO for Cloud's setup asks for, on today's Microsoft APIs.",
    permissions: &[
        // Microsoft Graph, application.
        GRAPH_USER_READ_ALL,
        GRAPH_USER_READ_WRITE_ALL,
        GRAPH_DIRECTORY_READ_ALL,
        GRAPH_DIRECTORY_READ_WRITE_ALL,
        GRAPH_MAIL_READ,
        GRAPH_MAIL_READ_WRITE,
        GRAPH_CALENDARS_READ_WRITE,
        GRAPH_CONTACTS_READ_WRITE,
        GRAPH_FILES_READ_WRITE_ALL,
        GRAPH_SITES_READ_WRITE_ALL,
        GRAPH_SITES_FULL_CONTROL_ALL,
        // Microsoft Graph, delegated (granted for all users).
        GRAPH_DELEGATED_USER_READ,
        GRAPH_DELEGATED_USER_READ_ALL,
        GRAPH_DELEGATED_DIRECTORY_READ_ALL,
        GRAPH_DELEGATED_DIRECTORY_READ_WRITE_ALL,
        GRAPH_DELEGATED_SITES_READ_WRITE_ALL,
        // SharePoint, application (certificate).
        SHAREPOINT_SITES_FULL_CONTROL_ALL,
        SHAREPOINT_SITES_MANAGE_ALL,
        SHAREPOINT_SITES_READ_ALL,
        SHAREPOINT_SITES_READ_WRITE_ALL,
        SHAREPOINT_USER_READ_ALL,
        SHAREPOINT_USER_READ_WRITE_ALL,
        // SharePoint, delegated (granted for all users).
        SHAREPOINT_DELEGATED_ALLSITES_FULL_CONTROL,
        SHAREPOINT_DELEGATED_ALLSITES_MANAGE,
        SHAREPOINT_DELEGATED_ALLSITES_READ,
        SHAREPOINT_DELEGATED_ALLSITES_WRITE,
        SHAREPOINT_DELEGATED_MYFILES_READ,
        SHAREPOINT_DELEGATED_MYFILES_WRITE,
    ],
};
