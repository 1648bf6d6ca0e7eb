//! The tenant preview: how many users, groups, mailboxes and SharePoint sites the backup will see,
//! read with the admin's token after sign-in.
