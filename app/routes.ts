import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/start.tsx"),
  route("language", "routes/language.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("readyz", "routes/readyz.ts"),
  // The JSON API: one resource route, the dispatcher matches app/modules/api/v1.ts's registry.
  route("api/v1/*", "modules/api/routes/api-v1.ts"),
  route("admin", "modules/admin/routes/index.tsx"),
  route("admin/audit", "modules/admin/routes/audit.tsx"),
  // identity
  route("login", "modules/identity/routes/login.tsx"),
  route("logout", "modules/identity/routes/logout.tsx"),
  route("invitation/:token", "modules/identity/routes/invitation.tsx"),
  route("reset-password", "modules/identity/routes/reset-request.tsx"),
  route("reset-password/:token", "modules/identity/routes/reset-password.tsx"),
  route("account", "modules/identity/routes/account.tsx"),
  route("admin/users", "modules/identity/routes/admin-users.tsx"),
  route("admin/users/:userId", "modules/identity/routes/admin-user.tsx"),
  route("auth/oidc", "modules/identity/routes/oidc-start.ts"),
  route("auth/oidc/callback", "modules/identity/routes/oidc-callback.tsx"),
  // directory
  route("organizations", "modules/directory/routes/organizations.tsx"),
  route("organizations/new", "modules/directory/routes/organization-new.tsx"),
  route("organizations/import", "modules/directory/routes/organizations-import.tsx"),
  route(
    "organizations/import/template",
    "modules/directory/routes/organizations-import-template.ts",
  ),
  route(
    "organizations/import/:importId",
    "modules/directory/routes/organizations-import-preview.tsx",
  ),
  route("organizations/:id", "modules/directory/routes/organization.tsx"),
  route("organizations/:id/edit", "modules/directory/routes/organization-edit.tsx"),
  route("organizations/:id/delete", "modules/directory/routes/organization-delete.tsx"),
  route("people", "modules/directory/routes/people.tsx"),
  route("people/new", "modules/directory/routes/person-new.tsx"),
  route("people/:id", "modules/directory/routes/person.tsx"),
  route("people/:id/edit", "modules/directory/routes/person-edit.tsx"),
  route("people/:id/delete", "modules/directory/routes/person-delete.tsx"),
  // networks
  route("networks", "modules/networks/routes/networks.tsx"),
  route("networks/new", "modules/networks/routes/network-new.tsx"),
  route("networks/:id", "modules/networks/routes/network.tsx"),
  route("networks/:id/edit", "modules/networks/routes/network-edit.tsx"),
  route("networks/:id/members", "modules/networks/routes/network-members.tsx"),
  route("networks/:id/seats", "modules/networks/routes/network-seats.tsx"),
  // Keep last: unknown addresses get the 404 page in the user's language.
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
