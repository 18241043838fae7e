// Passkeys and security keys on allauth's MFA pages, with no inline script: each button
// marked data-passkey carries its WebAuthn options in data-webauthn and names the hidden
// credential field; allauth's webauthn.js runs the ceremony and posts the form.
// The buttons sit in hidden wrappers until this runs (GOV.UK's button style would override
// a hidden attribute on the button itself): without JavaScript the pages offer the
// authenticator app and recovery codes, which need none.
for (const button of document.querySelectorAll("button[data-passkey]")) {
  const ids = { credential: button.dataset.credential };
  const o = { ids, data: JSON.parse(button.dataset.webauthn) };
  if (button.dataset.passkey === "add") {
    ids.add = button.id;
    window.allauth.webauthn.forms.addForm(o);
  } else {
    ids.authenticate = button.id;
    window.allauth.webauthn.forms.authenticateForm(o);
  }
  button.parentElement.hidden = false;
}
// A refused or cancelled ceremony: say so beside the button, not only in the console.
document.addEventListener("allauth.error", (event) => {
  event.preventDefault();
  const message = document.getElementById("passkey-error");
  if (message) {
    message.hidden = false;
  }
});
