//! The properties each Graph v1.0 type declares, for `$select` and write-body checks: Graph
//! refuses a property its type does not declare (see `odata::check_select`, `odata::check_body`).
//! Lists from the v1.0 resource references on learn.microsoft.com/graph/api/resources/.

/// https://learn.microsoft.com/graph/api/resources/application
pub const APPLICATION: &[&str] = &[
    "addIns",
    "api",
    "appId",
    "applicationTemplateId",
    "appRoles",
    "authenticationBehaviors",
    "certification",
    "createdDateTime",
    "defaultRedirectUri",
    "deletedDateTime",
    "description",
    "disabledByMicrosoftStatus",
    "displayName",
    "groupMembershipClaims",
    "id",
    "identifierUris",
    "info",
    "isDeviceOnlyAuthSupported",
    "isFallbackPublicClient",
    "keyCredentials",
    "logo",
    "nativeAuthenticationApisEnabled",
    "notes",
    "oauth2RequirePostResponse",
    "optionalClaims",
    "parentalControlSettings",
    "passwordCredentials",
    "publicClient",
    "publisherDomain",
    "requestSignatureVerification",
    "requiredResourceAccess",
    "samlMetadataUrl",
    "serviceManagementReference",
    "servicePrincipalLockConfiguration",
    "signInAudience",
    "spa",
    "tags",
    "tokenEncryptionKeyId",
    "uniqueName",
    "verifiedPublisher",
    "web",
];

/// https://learn.microsoft.com/graph/api/resources/serviceprincipal
pub const SERVICE_PRINCIPAL: &[&str] = &[
    "accountEnabled",
    "addIns",
    "alternativeNames",
    "appDescription",
    "appDisplayName",
    "appId",
    "applicationTemplateId",
    "appOwnerOrganizationId",
    "appRoleAssignmentRequired",
    "appRoles",
    "createdDateTime",
    "customSecurityAttributes",
    "deletedDateTime",
    "description",
    "disabledByMicrosoftStatus",
    "displayName",
    "homepage",
    "id",
    "info",
    "keyCredentials",
    "loginUrl",
    "logoutUrl",
    "notes",
    "notificationEmailAddresses",
    "oauth2PermissionScopes",
    "passwordCredentials",
    "preferredSingleSignOnMode",
    "preferredTokenSigningKeyThumbprint",
    "replyUrls",
    "resourceSpecificApplicationPermissions",
    "samlSingleSignOnSettings",
    "servicePrincipalNames",
    "servicePrincipalType",
    "signInAudience",
    "tags",
    "tokenEncryptionKeyId",
    "verifiedPublisher",
];

/// What a service principal create or upsert body may set: the declared, writable properties.
pub const SERVICE_PRINCIPAL_WRITABLE: &[&str] = &[
    "accountEnabled",
    "alternativeNames",
    "appDescription",
    "appId",
    "appRoleAssignmentRequired",
    "description",
    "homepage",
    "loginUrl",
    "logoutUrl",
    "notes",
    "notificationEmailAddresses",
    "preferredSingleSignOnMode",
    "replyUrls",
    "samlSingleSignOnSettings",
    "servicePrincipalNames",
    "tags",
];

/// https://learn.microsoft.com/graph/api/resources/approleassignment
pub const APP_ROLE_ASSIGNMENT: &[&str] = &[
    "appRoleId",
    "createdDateTime",
    "deletedDateTime",
    "id",
    "principalDisplayName",
    "principalId",
    "principalType",
    "resourceDisplayName",
    "resourceId",
];

/// https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant
pub const OAUTH2_PERMISSION_GRANT: &[&str] = &[
    "clientId",
    "consentType",
    "id",
    "principalId",
    "resourceId",
    "scope",
];

/// https://learn.microsoft.com/graph/api/resources/unifiedroleassignment
pub const UNIFIED_ROLE_ASSIGNMENT: &[&str] = &[
    "appScopeId",
    "condition",
    "directoryScopeId",
    "id",
    "principalId",
    "roleDefinitionId",
];

/// https://learn.microsoft.com/graph/api/resources/passwordcredential
/// https://learn.microsoft.com/graph/api/resources/keycredential
pub const KEY_CREDENTIAL: &[&str] = &[
    "customKeyIdentifier",
    "displayName",
    "endDateTime",
    "key",
    "keyId",
    "startDateTime",
    "type",
    "usage",
];

pub const PASSWORD_CREDENTIAL: &[&str] = &[
    "customKeyIdentifier",
    "displayName",
    "endDateTime",
    "hint",
    "keyId",
    "secretText",
    "startDateTime",
];
