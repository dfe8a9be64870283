// The test SPA: every protocol step is oidc-client-ts's own (discovery, PKCE, the code exchange, userinfo, the
// refresh, revocation and the logout redirect); this file only wires buttons to it and shows what happened.
// config.js (written by SpaLibraryBrowserIT) sets window.SPA_CONFIG = { issuer, clientId, base }.
"use strict";

const config = window.SPA_CONFIG;
const manager = new oidc.UserManager({
  authority: config.issuer,
  client_id: config.clientId,
  redirect_uri: config.base + "/callback.html",
  post_logout_redirect_uri: config.base + "/index.html",
  response_type: "code",
  scope: "openid profile email offline_access",
  loadUserInfo: true,
  automaticSilentRenew: false,
  revokeTokensOnSignout: true,
  userStore: new oidc.WebStorageStateStore({ store: window.localStorage }),
});

function show(id, value) {
  const element = document.getElementById(id);
  if (element) {
    element.textContent = typeof value === "string" ? value : JSON.stringify(value);
  }
}

function failed(step) {
  return (error) => show("result", { step, error: String(error && error.message || error) });
}

function describe(user) {
  if (!user) {
    return { signedIn: false };
  }
  return {
    signedIn: true,
    sub: user.profile.sub,
    name: user.profile.name,
    email: user.profile.email,
    hasRefreshToken: Boolean(user.refresh_token),
    accessTokenTail: user.access_token.slice(-12),
    expiresIn: user.expires_in,
  };
}

async function showState() {
  show("state", describe(await manager.getUser()));
}

async function callUserInfo() {
  const user = await manager.getUser();
  const endpoint = await manager.metadataService.getUserInfoEndpoint();
  const response = await fetch(endpoint, { headers: { Authorization: "Bearer " + user.access_token } });
  const claims = await response.json();
  show("result", { step: "userinfo", status: response.status, sub: claims.sub, email: claims.email });
}

async function refresh() {
  const before = await manager.getUser();
  const after = await manager.signinSilent();
  show("result", { step: "refresh", newAccessToken: after.access_token !== before.access_token,
    newRefreshToken: after.refresh_token !== before.refresh_token, sub: after.profile.sub });
  await showState();
}

if (location.pathname.endsWith("/callback.html")) {
  manager.signinRedirectCallback()
    .then(() => location.replace(config.base + "/index.html"))
    .catch(failed("callback"));
} else {
  document.getElementById("sign-in").addEventListener("click", () => manager.signinRedirect().catch(failed("sign-in")));
  document.getElementById("userinfo").addEventListener("click", () => callUserInfo().catch(failed("userinfo")));
  document.getElementById("refresh").addEventListener("click", () => refresh().catch(failed("refresh")));
  document.getElementById("sign-out").addEventListener("click", () => manager.signoutRedirect().catch(failed("sign-out")));
  showState().catch(failed("state"));
}
