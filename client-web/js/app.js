// The client's shell: who is logged in, the hash routes, and the page that draws each one.
import { api, ApiError, resetCsrfToken } from './api.js';
import { escapeHtml } from './format.js';
import { roleNames, session } from './session.js';
import { loginPage } from './pages/login.js';
import { villagePage } from './pages/village.js';
import { registerPage } from './pages/register.js';
import { householdPage } from './pages/household.js';
import { certificatePage } from './pages/certificate.js';
import { charterPage } from './pages/charter.js';
import { registerFilesPage } from './pages/registerFiles.js';
import { plansPage, planPage, newPlanPage, comparePage } from './pages/plans.js';
import { booksPage } from './pages/books.js';
import { passwordPage } from './pages/password.js';
import { villagesPage } from './pages/villages.js';
import { countyPage } from './pages/county.js';
import { comparisonPage } from './pages/comparison.js';
import { runsPage, checklistPage } from './pages/runs.js';
import { auditPage } from './pages/audit.js';
import { meetingPage } from './pages/meeting.js';
import { boardPage } from './pages/board.js';
import { closingPage } from './pages/closing.js';
import { partnershipsPage, partnershipPage, settlementStatementPage } from './pages/partnerships.js';

const main = document.getElementById('main');

const routes = [
  [/^#\/login$/, root => loginPage(root)],
  [/^#\/password$/, root => passwordPage(root, session.me?.mustChangePassword)],
  [/^#\/village$/, root => villagePage(root)],
  [/^#\/villages$/, root => villagesPage(root)],
  [/^#\/county$/, root => countyPage(root)],
  [/^#\/comparison$/, root => comparisonPage(root)],
  [/^#\/register$/, root => registerPage(root)],
  [/^#\/household\/(\d+)(\?.*)?$/, (root, m) => householdPage(root, Number(m[1]))],
  [/^#\/household\/(\d+)\/certificate$/, (root, m) => certificatePage(root, Number(m[1]))],
  [/^#\/charter$/, root => charterPage(root)],
  [/^#\/register-files$/, root => registerFilesPage(root)],
  [/^#\/plans$/, root => plansPage(root)],
  [/^#\/plans\/new$/, root => newPlanPage(root)],
  [/^#\/compare\/([\d,]+)$/, (root, m) => comparePage(root, m[1].split(','))],
  [/^#\/books\/(\d{4})$/, (root, m) => booksPage(root, Number(m[1]))],
  [/^#\/books$/, root => booksPage(root, new Date().getFullYear() - 1)], // last year's books: this year's plan is made from them
  [/^#\/plans\/(\d+)$/, (root, m) => planPage(root, Number(m[1]))],
  [/^#\/runs$/, root => runsPage(root)],
  [/^#\/audit$/, root => auditPage(root)],
  [/^#\/runs\/(\d+)$/, (root, m) => checklistPage(root, Number(m[1]))],
  [/^#\/runs\/(\d+)\/meeting$/, (root, m) => meetingPage(root, Number(m[1]))],
  [/^#\/runs\/(\d+)\/board$/, (root, m) => boardPage(root, Number(m[1]))],
  [/^#\/runs\/(\d+)\/closing$/, (root, m) => closingPage(root, Number(m[1]))],
  [/^#\/partnerships$/, root => partnershipsPage(root)],
  [/^#\/partnerships\/(\d+)$/, (root, m) => partnershipPage(root, Number(m[1]))],
  [/^#\/partnerships\/(\d+)\/statement\/(\d+)$/, (root, m) => settlementStatementPage(root, Number(m[1]), Number(m[2]))],
];

async function loadSession() {
  resetCsrfToken(); // a token belongs to one session
  try {
    session.me = await api('/api/auth/me');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    session.me = null;
  }
  document.getElementById('nav').hidden = !session.me;
  document.getElementById('nav-villages').hidden = !session.oversees;
  document.getElementById('nav-comparison').hidden = !session.oversees;
  document.getElementById('nav-county').hidden = !(session.me?.grants ?? []).some(g => g.role === 'county_admin');
  document.getElementById('logout').hidden = !session.me;
  // Who, and where: 王会计 · 白杨河村 村会计 — the scope's name, so a person with several roles sees which one is in use.
  document.getElementById('who').textContent = session.me
    ? [session.me.displayName, ...session.me.grants.map(g => `${g.scopeName} ${roleNames[g.role] ?? g.role}`)].join(' · ') : '';
}

async function route() {
  if (!session.me && location.hash !== '#/login') {
    location.hash = '#/login';
    return;
  }
  if (session.me?.mustChangePassword && location.hash !== '#/password') {
    location.hash = '#/password';
    return;
  }
  const countyWide = (session.me?.grants ?? []).some(g => g.role === 'county_admin') && location.hash.startsWith('#/partnerships');
  if (session.me && !session.villageId && !countyWide && !['#/villages', '#/comparison', '#/county', '#/password', '#/login'].includes(location.hash)) {
    location.hash = '#/comparison'; // an overseer lands on the comparison of its villages, and picks a village from there or the list
    return;
  }
  const hash = location.hash || '#/village';
  for (const [pattern, draw] of routes) {
    const match = hash.match(pattern);
    if (match) {
      document.body.classList.toggle('read-only', !session.canWrite);
      const area = hash.split('/')[1];
      document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href').split('/')[1] === area));
      // Each visit draws into a container of its own: a slow page that finishes after the user has
      // moved on writes into a detached element and never over the page now shown.
      const root = document.createElement('div');
      main.replaceChildren(root);
      try {
        await draw(root, match);
      } catch (e) {
        root.innerHTML = `<p class="error" role="alert">${escapeHtml(e.message)}</p>`;
      }
      return;
    }
  }
  location.hash = '#/village';
}

async function afterLogin() {
  await loadSession();
  // An overseer lands on the comparison of its township or county; everyone else on their village.
  location.hash = session.oversees ? '#/comparison' : '#/village'; // the hashchange draws the page
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/auth/logout', { method: 'POST' });
  sessionStorage.removeItem('vc.village');
  await loadSession();
  location.hash = '#/login';
});
window.addEventListener('hashchange', route);
// The login page announces a successful login; the shell reloads who is logged in.
window.addEventListener('vc:login', afterLogin);
await loadSession();
await route();
