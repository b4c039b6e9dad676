// Shows who is signed in on the account page: the edge answers GET /_auth/me from the verified session token
// (user name, email, groups, when the token expires; never the token itself). Same-origin, so the site's CSP
// (script-src 'self'; connect-src 'self') allows it. No token is readable here: the session cookies are HttpOnly.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const who = document.getElementById('who');
  if (!who) return;
  fetch('/_auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((me) => {
      const groups = Array.isArray(me.groups) && me.groups.length > 0 ? me.groups.join(', ') : 'no group';
      const paying = Array.isArray(me.groups) && me.groups.includes('paying-customers');
      who.textContent = `Signed in as ${me.email || me.username || 'an unnamed user'} (${groups}). `
        + (paying ? 'Your paying membership is active.' : 'This account is not a paying membership.');
      who.dataset.state = paying ? 'paying' : 'signed-in';
    })
    .catch(() => {
      who.textContent = 'Your session could not be read; reload the page to sign in again.';
      who.dataset.state = 'unknown';
    });
});
