//! The profiles a deployment can choose. Each asks for the least that covers its workloads;
//! every one includes discovery (users and groups), without which nothing can be found.

use super::Profile;
use super::permissions::*;

pub(super) static ALL: &[Profile] = &[FULL_BACKUP, EXCHANGE_ONLY, ONEDRIVE_SHAREPOINT];

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
