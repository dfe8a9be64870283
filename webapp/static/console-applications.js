// The admin console's application page: a copy button for the secret shown once. Progressive enhancement: without
// this script the secret is still shown, selected, in a read-only field; with it, the hidden button appears.
(function () {
  'use strict';
  var button = document.getElementById('copy-secret');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute('data-copy'));
  var status = document.getElementById('copy-status');
  if (!field) {
    return;
  }
  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }
  function fallback() {
    field.focus();
    field.select();
    try {
      say(document.execCommand('copy') ? 'Copied.' : 'Press Ctrl+C (or ⌘C) to copy the selected secret.');
    } catch (e) {
      say('Press Ctrl+C (or ⌘C) to copy the selected secret.');
    }
  }
  button.addEventListener('click', function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () {
        say('Copied.');
      }, fallback);
    } else {
      fallback();
    }
  });
  button.hidden = false;
}());
